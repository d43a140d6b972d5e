"""Writes about N labelled utterances (CSV text,category) from `chatmine generate`: the user turns
whose true intent the bot does not know (what `chatmine cluster` would see), labelled with the
generator's truth. Usage: cluster_gen.py CHATMINE N OUT.csv [lang] [seed]"""
import csv, json, os, subprocess, sys, tempfile

binary, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lang = sys.argv[4] if len(sys.argv) > 4 else "en"
seed = sys.argv[5] if len(sys.argv) > 5 else "1"
conversations = max(100, int(n / 1.4))  # about 1.4 unknown-intent user turns per conversation at --unknown-share 1
with tempfile.TemporaryDirectory() as work:
    log, truth = os.path.join(work, "log.jsonl"), os.path.join(work, "truth.jsonl")
    subprocess.run([binary, "generate", "-n", str(conversations), "--seed", seed, "--lang", lang,
                    "--unknown-share", "1", "-o", log, "--truth", truth, "-q"], check=True)
    unknown = {}
    with open(truth, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "turn" and not r["known"]:
                unknown[r["message_id"]] = r["intent"]
    written = 0
    with open(log, encoding="utf-8") as f, open(out, "w", newline="", encoding="utf-8") as o:
        w = csv.writer(o)
        w.writerow(["text", "category"])
        for line in f:
            r = json.loads(line)
            label = unknown.get(r.get("message_id"))
            if label is not None and r.get("role") == "user" and written < n:
                w.writerow([r["text"], label])
                written += 1
