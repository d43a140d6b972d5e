"""Writes N labelled utterances (CSV text,category) for bench/cluster.sh: BANKING77 train+test
texts, each repeated with filler words appended so that most rows stay distinct after
normalisation (a worst case for deduplication), labels kept."""
import csv, os, random, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "banking77")
if not os.path.isdir(root):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "banking77")
n, out, seed = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1
rows = []
for name in ("train.csv", "test.csv"):
    with open(os.path.join(root, name), newline="", encoding="utf-8") as f:
        rows += [(r["text"], r["category"]) for r in csv.DictReader(f)]
fillers = ("asap today now urgent again quickly tonight tomorrow seriously honestly really "
           "kindly thx cheers sorry bro mate sir madam team guys folks").split()
rng = random.Random(seed)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["text", "category"])
    for i in range(n):
        text, label = rows[i % len(rows)] if i < len(rows) else rng.choice(rows)
        if i >= len(rows):
            text = text + " " + " ".join(rng.sample(fillers, rng.randint(1, 3)))
        w.writerow([text, label])
