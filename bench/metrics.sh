#!/usr/bin/env bash
# KPI engine benchmark: a year of synthetic traffic (~1M messages) in one store, then
#   1. full recompute: outcomes + daily aggregates for every conversation (first `metrics` run),
#   2. an incremental night: one more day ingested, `metrics` again (only what changed),
#   3. a forced full recompute of the same final store (rules changed), for the ratio,
# and the outcome agreement with the generator's ground truth.
# Usage: bench/metrics.sh [CONVERSATIONS]   (default 170000 ≈ 1M messages over 366 days)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-170000}
OUT=bench/out/metrics
mkdir -p "$OUT"
swift build -c release --product chatmine >/dev/null
BIN=.build/release/chatmine
GEN=${GEN:-$BIN}   # the binary whose `generate` writes the logs
DB="$OUT/store.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"

measure() {  # measure LABEL COMMAND...: wall and CPU seconds of one run
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >"$OUT/$label.stdout" 2>"$OUT/$label.stderr"
    read -r wall user sys rss <"$OUT/time.txt"
    printf '%-28s wall %7.2f s   cpu %7.2f s   max RSS %6d MB\n' "$label" "$wall" "$(python3 -c "print($user+$sys)")" "$((rss / 1024))"
    python3 -c "print($user+$sys)" >"$OUT/$label.wall"
}

echo "Generating $N conversations over 366 days (seed 42, mixed languages)…"
"$GEN" generate -n "$N" --seed 42 --lang mixed --start 2025-11-01 --days 366 --truth "$OUT/truth.jsonl" -o "$OUT/all.jsonl" -q
# Split by conversation start day: everything before 2026-11-01 is the store's year, that day the new night.
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
base, night = open(f"{out}/year.jsonl", "w"), open(f"{out}/night.jsonl", "w")
starts = {}
for line in open(f"{out}/all.jsonl"):
    record = json.loads(line)
    cid = record["conversation_id"]
    if cid not in starts:
        starts[cid] = record.get("timestamp", "")[:10]
    (night if starts[cid] >= "2026-11-01" else base).write(line)
PY
MESSAGES=$(grep -c '"role"' "$OUT/all.jsonl" || true)
NIGHT_CONV=$(python3 -c "import json;print(len({json.loads(l)['conversation_id'] for l in open('$OUT/night.jsonl')}))")
echo "Store: $MESSAGES messages in $N conversations; the night adds $NIGHT_CONV conversations."

"$BIN" ingest "$OUT/year.jsonl" --db "$DB" --quiet
echo
echo "1. first run on the year: every outcome and daily aggregate computed, KPIs of the year by day"
measure full_recompute_year "$BIN" metrics --db "$DB" --by day --format csv
"$BIN" ingest "$OUT/night.jsonl" --db "$DB" --quiet
echo "2. the night: one day ingested, then the night's KPIs (only changed conversations and days recomputed)"
measure incremental_night "$BIN" metrics --db "$DB" --since 2026-11-01 --by day --format csv
echo "3. reference: the year's KPIs by day again, nothing to recompute (query cost only)"
measure query_year_no_change "$BIN" metrics --db "$DB" --by day --format csv
echo "4. the same night's KPIs with everything recomputed (rules changed)"
echo '{"version": "bench-full"}' >"$OUT/rules.json"
measure full_recompute_night "$BIN" metrics --db "$DB" --since 2026-11-01 --by day --format csv --rules "$OUT/rules.json"
echo
echo "night: $(cat "$OUT/incremental_night.stderr")"
echo "full:  $(cat "$OUT/full_recompute_night.stderr")"
python3 -c "
full=float(open('$OUT/full_recompute_night.wall').read()); night=float(open('$OUT/incremental_night.wall').read())
print(f'ratio full recompute / incremental night (CPU): {full/night:.1f}x')"
python3 bench/compare_truth.py "$DB" "$OUT/truth.jsonl" | head -4
