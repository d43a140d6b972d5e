"""Peer for the PII redactor: scrubadub 2 (default detectors) on the same generated corpus.

Reads the files written by `redaction-bench --dump …` (see bench/redaction.sh) and prints
throughput, the share of planted values removed per kind, and the share of look-alike
sentences changed. Usage: python3 bench/redaction_peer.py DIR [MESSAGES]
"""
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import scrubadub  # noqa: E402

folder = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
scrubber = scrubadub.Scrubber()

with open(f"{folder}/messages.txt", encoding="utf-8") as f:
    messages = [line.rstrip("\n") for line in f][:limit]
elapsed = float("inf")
for _ in range(3):  # best of three passes, as on our side
    start = time.thread_time()  # CPU time of this thread, as on our side
    for message in messages:
        scrubber.clean(message)
    elapsed = min(elapsed, time.thread_time() - start)
print(f"scrubadub {scrubadub.__version__}: {len(messages)} mixed chat messages in {elapsed:.2f} s "
      f"= {len(messages) / elapsed:.0f} messages/s")

planted, removed = {}, {}
with open(f"{folder}/pii.txt", encoding="utf-8") as f:
    rows = [line.rstrip("\n").split("\t") for line in f][:5000]
for row in rows:
    cleaned = scrubber.clean(row[0])
    for kind, value in zip(row[1::2], row[2::2]):
        planted[kind] = planted.get(kind, 0) + 1
        if value not in cleaned:
            removed[kind] = removed.get(kind, 0) + 1
print("scrubadub: planted values removed (5,000 PII sentences):")
for kind in sorted(planted):
    print(f"  {kind}: {removed.get(kind, 0)} / {planted[kind]} = {removed.get(kind, 0) / planted[kind]:.3f}")

with open(f"{folder}/lookalikes.txt", encoding="utf-8") as f:
    lookalikes = [line.rstrip("\n") for line in f][:5000]
changed = sum(1 for text in lookalikes if scrubber.clean(text) != text)
print(f"scrubadub: look-alike sentences changed: {changed} / {len(lookalikes)} = {100 * changed / len(lookalikes):.2f}%")
