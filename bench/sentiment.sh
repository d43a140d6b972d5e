#!/usr/bin/env bash
# Sentiment benchmark: chatmine against VADER (Python vaderSentiment) in one run.
#   1. quality on VADER's tweets and ChnSentiCorp (read from ../shared/data),
#   2. throughput on the same N chat-like messages (default 1,000,000), generated here,
#   3. `chatmine score` on a store of the same messages as turns.
# Usage: bench/sentiment.sh [N]     (needs: swift, python3, pip install vadersentiment)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
DATA="${CHATMINE_DATA:-../shared/data}"
[ -d "$DATA" ] || DATA="../../shared/data"   # a worktree under /work/wt/NAME
OUT="bench/out"
mkdir -p "$OUT"

swift build -c release --product chatmine >/dev/null
BIN="$(swift build -c release --show-bin-path)/chatmine"
python3 -c "import vaderSentiment" 2>/dev/null || { echo "pip install vadersentiment first" >&2; exit 1; }

echo "== quality"
"$BIN" eval sentiment "$DATA/vader-tweets/tweets_GroundTruth.txt" --format json | sed 's/^/chatmine_tweets /'
python3 bench/sentiment_vader.py tweets "$DATA/vader-tweets/tweets_GroundTruth.txt"
"$BIN" eval sentiment "$DATA/chnsenticorp/ChnSentiCorp_htl_all.csv" --format json | sed 's/^/chatmine_chnsenticorp /'
# The split-half check used when tuning: tweets with odd and with even ids, scored separately.
for half in odd even; do
  rest=$([ "$half" = odd ] && echo 1 || echo 0)
  awk -F'\t' -v r="$rest" 'NF >= 3 && $1 % 2 == r' "$DATA/vader-tweets/tweets_GroundTruth.txt" > "$OUT/tweets_$half.tsv"
  "$BIN" eval sentiment "$OUT/tweets_$half.tsv" --format json | sed "s/^/chatmine_tweets_$half /"
  python3 bench/sentiment_vader.py tweets "$OUT/tweets_$half.tsv" | sed "s/^/${half}_/"
done

echo "== throughput on $N chat messages"
MSGS="$OUT/sentiment_messages.txt"
python3 bench/sentiment_messages.py "$N" "$MSGS"
"$BIN" sentiment "$MSGS" >/dev/null   # warm the page cache
read -r cm_wall cm_cpu < <(python3 bench/sentiment_time.py 3 "$OUT/sentiment_chatmine_scores.tsv" "$BIN" sentiment "$MSGS")
echo "chatmine_messages $N"
echo "chatmine_seconds $cm_wall wall, $cm_cpu cpu (best of 3; whole process: start, lexicon, read, score on all cores, write)"
cm_rate=$(python3 -c "print(f'{$N / $cm_wall:.0f}')")
cm_cpu_rate=$(python3 -c "print(f'{$N / $cm_cpu:.0f}')")
echo "chatmine_rate $cm_rate"
echo "chatmine_cpu_rate $cm_cpu_rate"
vader_out=$(python3 bench/sentiment_vader.py lines "$MSGS")
echo "$vader_out"
vader_rate=$(echo "$vader_out" | awk '/^vader_rate/ {print $2}')
vader_cpu_rate=$(echo "$vader_out" | awk '/^vader_cpu_rate/ {print $2}')
python3 -c "print(f'speedup_wall {$cm_rate / $vader_rate:.1f}x (messages per second, wall clock)')"
python3 -c "print(f'speedup_cpu {$cm_cpu_rate / $vader_cpu_rate:.1f}x (messages per CPU-second)')"
echo "load_average $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; wall times depend on it)"

echo "== chatmine score on a store of $N turns"
DB="$OUT/sentiment_bench.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN" score --db "$DB" --quiet   # creates the schema
python3 - "$DB" "$MSGS" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
texts = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
db.execute("PRAGMA synchronous=OFF")
conversations = (len(texts) + 9) // 10
db.executemany("INSERT INTO conversations (id, external_id) VALUES (?, ?)", ((c, f"c{c}") for c in range(1, conversations + 1)))
db.executemany("INSERT INTO turns (id, conversation_id, record_key, ts, role, text) VALUES (?, ?, ?, ?, ?, ?)",
               ((i + 1, i // 10 + 1, (i + 1).to_bytes(8, "big"), i, "user" if i % 2 == 0 else "bot", t) for i, t in enumerate(texts)))
db.commit()
PY
/usr/bin/time -f "score_first_run %e s wall, %U s user, %S s sys" "$BIN" score --db "$DB"
/usr/bin/time -f "score_second_run %e s wall, %U s user, %S s sys (nothing new: incremental)" "$BIN" score --db "$DB"
echo "load_average $(cut -d' ' -f1-3 /proc/loadavg)"
