#!/usr/bin/env bash
# Ingest benchmark: chatmine ingest against the sqlite3 CLI's .import and a Python
# json + sqlite3.executemany loader, on the same generated rows, in one run.
# Usage: bench/ingest.sh [MESSAGES]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
OUT=bench/out/ingest
mkdir -p "$OUT"
swift build -c release >/dev/null
BIN=.build/release/chatmine

# Same rows as JSONL and CSV: generate enough conversations, keep the first N records.
"$BIN" generate --conversations $(( N / 6 + 1000 )) --seed 7 --format jsonl --out "$OUT/gen.jsonl"
head -n "$N" "$OUT/gen.jsonl" > "$OUT/rows.jsonl"
python3 - "$OUT/rows.jsonl" "$OUT/rows.csv" <<'PY'
import csv, json, sys
cols = ["conversation_id","message_id","timestamp","role","text","intent","confidence","channel","user_id","event","name","status","latency_ms","score"]
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", newline="", encoding="utf-8") as dst:
    out = csv.writer(dst)
    out.writerow(cols)
    for line in src:
        record = json.loads(line)
        out.writerow(["" if record.get(c) is None else record.get(c) for c in cols])
PY
MB=$(du -m "$OUT/rows.jsonl" | cut -f1)
echo "rows: $N records, JSONL ${MB} MB"

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/err.txt" || { cat "$OUT/err.txt"; exit 1; }
    read -r seconds kb < "$OUT/time.txt"
    printf '%-34s %7.2f s  %6d MB peak\n' "$label" "$seconds" $(( kb / 1024 )) >&2
    echo "$seconds"
}

rm -f "$OUT"/*.sqlite*
T_JSONL=$(measure "chatmine ingest (JSONL)" "$BIN" ingest "$OUT/rows.jsonl" --db "$OUT/a.sqlite" --quiet)
T_CSV=$(measure "chatmine ingest (CSV)" "$BIN" ingest "$OUT/rows.csv" --db "$OUT/b.sqlite" --quiet)
T_AGAIN=$(measure "chatmine ingest again (no change)" "$BIN" ingest "$OUT/rows.jsonl" --db "$OUT/a.sqlite" --quiet)

cat > "$OUT/import.sql" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE rows (conversation_id TEXT, message_id TEXT, timestamp TEXT, role TEXT, text TEXT, intent TEXT,
    confidence REAL, channel TEXT, user_id TEXT, event TEXT, name TEXT, status TEXT, latency_ms REAL, score REAL,
    UNIQUE (conversation_id, message_id));
.mode csv
.import --skip 1 $OUT/rows.csv rows
SQL
T_IMPORT=$(measure "sqlite3 .import (CSV, keyed)" sqlite3 "$OUT/c.sqlite" ".read $OUT/import.sql")

cat > "$OUT/load.py" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA journal_mode = WAL"); db.execute("PRAGMA synchronous = NORMAL")
db.execute("""CREATE TABLE rows (conversation_id TEXT, message_id TEXT, timestamp TEXT, role TEXT, text TEXT, intent TEXT,
    confidence REAL, channel TEXT, user_id TEXT, event TEXT, name TEXT, status TEXT, latency_ms REAL, score REAL,
    UNIQUE (conversation_id, message_id))""")
cols = ["conversation_id","message_id","timestamp","role","text","intent","confidence","channel","user_id","event","name","status","latency_ms","score"]
batch = []
with open(sys.argv[1], encoding="utf-8") as src:
    for line in src:
        r = json.loads(line)
        batch.append(tuple(r.get(c) for c in cols))
        if len(batch) == 10000:
            db.executemany("INSERT OR IGNORE INTO rows VALUES (%s)" % ",".join("?" * len(cols)), batch); batch = []
if batch:
    db.executemany("INSERT OR IGNORE INTO rows VALUES (%s)" % ",".join("?" * len(cols)), batch)
db.commit()
PY
T_PY=$(measure "python json + executemany" python3 "$OUT/load.py" "$OUT/rows.jsonl" "$OUT/d.sqlite")

echo
python3 - "$T_JSONL" "$T_CSV" "$T_IMPORT" "$T_PY" "$T_AGAIN" <<'PY'
import sys
jsonl, csv_, imp, py, again = map(float, sys.argv[1:])
print(f"chatmine JSONL / sqlite3 .import : {jsonl / imp:.2f}x   (goal <= 1.0x)")
print(f"chatmine CSV   / sqlite3 .import : {csv_ / imp:.2f}x")
print(f"chatmine JSONL / python loader   : {jsonl / py:.2f}x")
print(f"re-ingest of the unchanged file  : {again:.2f} s")
PY
