#!/usr/bin/env bash
# The report over a large store: generates about a million messages (170,000 conversations over
# a year by default), ingests, scores and clusters them with the release binary, then writes the
# report and prints its size and the time each stage took.
# Usage: bench/report-size.sh [CONVERSATIONS] [DAYS] [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-170000}"
days="${2:-365}"
work="${3:-$(mktemp -d /tmp/chatmine-report-size.XXXXXX)}"
bin="$root/.build/release/chatmine"
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
mkdir -p "$work"
db="$work/store.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
stage() { local name=$1; shift; local s=$(date +%s.%N); "$@"; printf '  %-8s %6.1f s\n' "$name" "$(echo "$(date +%s.%N) - $s" | bc)"; }
echo "store: $n conversations over $days days in $work"
stage generate "$bin" generate -n "$n" --days "$days" --start 2025-11-01 --seed 5 --out "$work/log.jsonl" -q
stage ingest "$bin" ingest "$work/log.jsonl" --db "$db" -q
stage score "$bin" score --db "$db" -q
stage cluster sh -c "\"$bin\" cluster --db \"$db\" --format json >/dev/null"
stage report "$bin" report --db "$db" --out "$work/report" -q
messages=$(sqlite3 "$db" "SELECT COUNT(*) FROM turns" 2>/dev/null || echo "?")
html=$(stat -c %s "$work/report/index.html")
total=$(du -cb "$work/report"/* | tail -1 | cut -f1)
echo "messages: $messages"
echo "index.html: $html bytes ($(echo "scale=2; $html/1048576" | bc) MiB); folder with CSV files: $total bytes"
[ "$html" -lt 5242880 ] && echo "under 5 MB: yes" || { echo "under 5 MB: NO"; exit 1; }
