#!/usr/bin/env bash
# Crash safety of ingest and nightly: kill -9 at random moments, then let a run finish, and
# compare the store with a clean run's (row counts and a checksum of bench/store_checksum.sql
# over the data tables) and run PRAGMA integrity_check.
#
#   bench/faults.sh                 # 24 rounds, 3 days x 4000 conversations, release binary
#   ROUNDS=30 CONVERSATIONS=8000 CHATMINE=.build/debug/chatmine bench/faults.sh
#
# Each round starts 1-3 runs (chatmine ingest or chatmine nightly, chosen at random) and kills
# each at a random moment within that command's clean duration (a run that finished first is
# not counted as a kill), then runs nightly to completion. Exit 1 on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-24}
CONVERSATIONS=${CONVERSATIONS:-4000}
DAYS=${DAYS:-3}
SEED=${SEED:-7}
CHATMINE=${CHATMINE:-$ROOT/.build/release/chatmine}
if [[ ! -x $CHATMINE ]]; then swift build -c release --product chatmine >/dev/null; fi
for tool in sqlite3 bc; do command -v $tool >/dev/null || { echo "faults.sh needs the $tool command (apt-get install $tool)" >&2; exit 1; }; done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chatmine-faults-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RANDOM=$SEED

mkdir -p "$WORK/inbox"
for ((d = 0; d < DAYS; d++)); do
  day=$(date -u -d "2026-11-01 + $d days" +%F)
  # Prefix the day so the days' conversation ids do not collide in one store.
  "$CHATMINE" generate -n "$CONVERSATIONS" --seed $((SEED + d)) --start "$day" --days 1 --id-prefix "d$d-" -q \
    > "$WORK/inbox/day-$day.jsonl"
done
# Some bad lines too, so rejects are part of the comparison.
printf '{"conversation_id":"x","role":"wizard","text":"hi"}\n{"truncated":\n' >> "$WORK/inbox/day-$(date -u -d 2026-11-01 +%F).jsonl"

checksum() { sqlite3 "$1" < "$ROOT/bench/store_checksum.sql" | sha256sum | cut -c1-16; }
counts() {
  sqlite3 "$1" "SELECT (SELECT COUNT(*) FROM conversations)||' conversations, '||(SELECT COUNT(*) FROM turns)||' turns, '||(SELECT COUNT(*) FROM events)||' events, '||(SELECT COUNT(*) FROM rejects)||' rejects, '||(SELECT COUNT(*) FROM turn_sentiment)||' scores, '||(SELECT COUNT(*) FROM outcomes)||' outcomes, '||(SELECT COUNT(*) FROM daily_metrics)||' daily rows'"
}
nightly() { "$CHATMINE" nightly --db "$1/store.sqlite" --inbox "$WORK/inbox" --out "$1/out" --quiet --max-reject-rate 1; }
# Started with exec in a subshell, so that $! is chatmine itself and kill -9 reaches it.

mkdir -p "$WORK/clean" "$WORK/ingest-only"
start=$(date +%s.%N)
"$CHATMINE" ingest --db "$WORK/ingest-only/store.sqlite" --redact mask --quiet --max-reject-rate 1 "$WORK/inbox"
ingest_seconds=$(echo "$(date +%s.%N) - $start" | bc)
rm -rf "$WORK/ingest-only"
start=$(date +%s.%N)
nightly "$WORK/clean"
clean_seconds=$(echo "$(date +%s.%N) - $start" | bc)
want_sum=$(checksum "$WORK/clean/store.sqlite")
want_counts=$(counts "$WORK/clean/store.sqlite")
echo "clean run: ingest ${ingest_seconds}s, nightly ${clean_seconds}s, $want_counts, checksum $want_sum"

failures=0
kills=0
for ((round = 1; round <= ROUNDS; round++)); do
  dir="$WORK/round-$round"
  mkdir -p "$dir"
  story=""
  for ((k = 0; k < 1 + RANDOM % 3; k++)); do
    permille=$((RANDOM % 1000))
    if ((RANDOM % 2)); then
      # A kill point within the run's own duration, so that most kills land mid-run.
      delay=$(echo "scale=3; $ingest_seconds * $permille / 1000" | bc)
      (exec "$CHATMINE" ingest --db "$dir/store.sqlite" --redact mask --quiet --max-reject-rate 1 "$WORK/inbox") & pid=$!; what=ingest
    else
      delay=$(echo "scale=3; $clean_seconds * $permille / 1000" | bc)
      (exec "$CHATMINE" nightly --db "$dir/store.sqlite" --inbox "$WORK/inbox" --out "$dir/out" --quiet --max-reject-rate 1) & pid=$!; what=nightly
    fi
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then story+="$what killed at ${delay}s; "; kills=$((kills + 1)); else story+="$what finished before ${delay}s; "; fi
    wait "$pid" 2>/dev/null || true
  done
  nightly "$dir"
  got_sum=$(checksum "$dir/store.sqlite")
  got_counts=$(counts "$dir/store.sqlite")
  integrity=$(sqlite3 "$dir/store.sqlite" "PRAGMA integrity_check")
  if [[ $got_sum == "$want_sum" && $got_counts == "$want_counts" && $integrity == ok ]]; then
    echo "round $round ok: $story"
  else
    echo "round $round MISMATCH: $story"; echo "  got $got_counts, checksum $got_sum, integrity $integrity"
    failures=$((failures + 1))
  fi
  rm -rf "$dir"
done
echo "$ROUNDS rounds, $kills kills (SIGKILL), $failures mismatches"
[[ $failures == 0 ]]
