#!/usr/bin/env python3
"""Assembles bench/RESULTS.md from the per-stage files in bench/results/ (run from the repo root).

Each file's headings are shifted so that its top heading becomes a level-2 section."""
import pathlib
import re

ORDER = ["ingest", "generator", "formats", "metrics", "sentiment", "cluster", "embed",
         "report", "nightly", "redaction"]
HEADER = """# Benchmark results

The latest figures of every benchmark in `bench/`, each with the command that produced it.
The machine is a shared 2-core box: most runs happened while other builds ran beside them, so
each section gives ratios against the peer measured in the same run, CPU time where it is the
steadier figure, and the load average at the time. This file is assembled from the per-stage
files in `bench/results/` by `python3 bench/assemble_results.py`; edit those, not this.
"""


def shifted(text: str) -> str:
    lines = text.rstrip("\n").split("\n")
    levels = [len(m.group(1)) for line in lines if (m := re.match(r"^(#+) ", line))]
    shift = 2 - min(levels) if levels else 0
    fence = False
    out = []
    for line in lines:
        if line.startswith("```"):
            fence = not fence
        m = re.match(r"^(#+) ", line)
        if m and not fence:
            line = "#" * (len(m.group(1)) + shift) + line[len(m.group(1)):]
        out.append(line)
    return "\n".join(out)


def main() -> None:
    root = pathlib.Path("bench/results")
    names = ORDER + sorted(p.stem for p in root.glob("*.md") if p.stem not in ORDER)
    parts = [HEADER.rstrip("\n")]
    for name in names:
        path = root / f"{name}.md"
        if path.exists():
            parts.append(shifted(path.read_text(encoding="utf-8")))
    pathlib.Path("bench/RESULTS.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
