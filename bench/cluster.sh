#!/usr/bin/env bash
# Intent discovery benchmark: chatmine (TF-IDF + LSA, k chosen from the data) against
# scikit-learn TF-IDF + KMeans given the true k (MiniBatchKMeans from 100k rows), on the same
# utterances, one after the other in one run. Data sets:
#   banking      BANKING77 test (real, 3,080 rows, 77 intents)
#   genN         N unknown-intent user turns from `chatmine generate` (realistic repeats; 12 intents)
#   N            N rows from BANKING77 train+test with filler words appended so that almost every
#                row stays distinct (worst case for deduplication; bench/cluster_data.py)
# Usage: bench/cluster.sh [sets...]   (default: banking gen100000 gen1000000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
[ -d "$data" ] || data=../../shared/data
swift build -c release --product chatmine >/dev/null
bin=.build/release/chatmine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(banking gen100000 gen1000000 100000 1000000)
printf "%-11s %-8s %10s %7s %6s %8s %10s %7s %8s\n" rows distinct chatmine_s NMI k noise sklearn_s NMI ratio
for size in "${sizes[@]}"; do
    case "$size" in
        banking) file=$data/banking77/test.csv ;;
        gen*) file=$work/$size.csv; python3 bench/cluster_gen.py "$bin" "${size#gen}" "$file" ;;
        *) file=$work/u$size.csv; python3 bench/cluster_data.py "$size" "$file" ;;
    esac
    ours=$(/usr/bin/time -f "%e %M" -o "$work/time" "$bin" eval clusters "$file" --format json)
    peer=$(python3 bench/cluster_peer.py "$file")
    python3 - "$ours" "$peer" "$size" "$(cat "$work/time")" <<'PY'
import json, sys
ours, peer, size, (wall, rss) = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4].split()
print(f"{size:<11} {ours['distinctTexts']:<8} {float(wall):10.2f} {ours['scores']['nmi']*100:7.1f} {ours['clusters']:6d} {ours['noiseShare']*100:7.1f}% "
      f"{peer['seconds']:10.2f} {peer['nmi']*100:7.1f} {peer['seconds']/float(wall):7.2f}x   (chatmine peak RSS {int(rss)//1024} MB)")
PY
done
echo "chatmine: wall seconds of the whole command (reading, normalising, embedding, choosing k, clustering);"
echo "sklearn: vectorising + clustering only, given the true k. ratio = sklearn seconds / chatmine seconds."
