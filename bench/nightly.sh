#!/usr/bin/env bash
# Scale of `chatmine nightly`: one day of about 1M messages
#   A. into an empty store,
#   B. into a store already holding DAYS such days (built with `chatmine ingest` per day, then
#      `chatmine score` and `chatmine metrics`, i.e. what earlier nights would have left),
# each timed with /usr/bin/time (wall, CPU, peak RSS) and the per-stage lines of nightly.
# Goal: < 60 s and < 1 GiB peak memory per night.
#
#   bench/nightly.sh                            # 167000 conversations/day (~1M turns), 30 days
#   CONVERSATIONS=16700 DAYS=30 bench/nightly.sh   # a tenth of the size
#   CHATMINE=.build/release/chatmine WORK=/tmp/x bench/nightly.sh
#   PARTS="C" bench/nightly.sh                  # only the retention part (on B's base store)
#   PARTS="B" DAYS=15 WORK=/tmp/w15 bench/nightly.sh  # B on a store of 15 days (flatness in store size)
#
# C. retention on a copy of B's base store (made by ingest, so auto_vacuum is off): a first
#    pass that clears the older half of the days (and switches the store to incremental
#    auto-vacuum with one VACUUM), then a second pass clearing a third more, with the store
#    size before and after. The window is set to an empty day so that only retention costs.
set -euo pipefail
cd "$(dirname "$0")/.."
CONVERSATIONS=${CONVERSATIONS:-167000}
DAYS=${DAYS:-30}
CHATMINE=${CHATMINE:-$PWD/.build/release/chatmine}
WORK=${WORK:-$PWD/bench/out/nightly}
if [[ ! -x $CHATMINE ]]; then swift build -c release --product chatmine >/dev/null; fi
mkdir -p "$WORK/days"

measure() {  # measure LABEL COMMAND...: wall, CPU and peak RSS of one run; its stderr kept
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >"$WORK/$label.stdout" 2>"$WORK/$label.stderr" || true
    read -r wall user sys rss <"$WORK/time.txt"
    printf '%-34s wall %8.2f s   cpu %8.2f s   peak RSS %6d MiB\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

day_file() {  # day_file INDEX: the log of day INDEX (0 = 2026-10-01), made once
    local d=$1 day
    day=$(date -u -d "2026-10-01 + $d days" +%F)
    local file="$WORK/days/day-$day.jsonl"
    if [[ ! -s $file ]]; then
        # Prefix the day so the days' conversation ids do not collide in one store.
        "$CHATMINE" generate -n "$CONVERSATIONS" --seed $((100 + d)) --lang mixed --start "$day" --days 1 \
            --id-prefix "d$d-" -q >"$file"
    fi
    echo "$file"
}

echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $CONVERSATIONS conversations per day"
new_day=$(day_file "$DAYS")
echo "One day: $(wc -l <"$new_day") records ($(grep -c '"role"' "$new_day") messages), $(du -m "$new_day" | cut -f1) MB"

PARTS=${PARTS:-A B C}
if [[ $PARTS == *A* ]]; then
echo "== A. one day into an empty store"
rm -rf "$WORK/a" && mkdir -p "$WORK/a/inbox" && ln "$new_day" "$WORK/a/inbox/"
measure "A nightly (empty store)" "$CHATMINE" nightly --db "$WORK/a/store.sqlite" --inbox "$WORK/a/inbox" --out "$WORK/a/out"
sed 's/^/    /' "$WORK/A nightly (empty store).stderr"
fi

if [[ $PARTS == *B* || $PARTS == *C* ]]; then
echo "== B. one day into a store holding $DAYS days"
if [[ ! -s $WORK/b-base.sqlite ]]; then
    rm -f "$WORK"/b-base.sqlite*
    start=$(date +%s)
    for ((d = 0; d < DAYS; d++)); do
        "$CHATMINE" ingest --db "$WORK/b-base.sqlite" --redact mask -q "$(day_file "$d")"
    done
    echo "  built $DAYS days with ingest in $(($(date +%s) - start)) s"
    measure "B build: score $DAYS days" "$CHATMINE" score --db "$WORK/b-base.sqlite" -q
    measure "B build: metrics $DAYS days" "$CHATMINE" metrics --db "$WORK/b-base.sqlite" -q
    sqlite3 "$WORK/b-base.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fi
# What earlier nights leave besides the data: the report's day parts (migration 6). A base store
# made by an older chatmine is migrated here; its parts are computed once, as the first night
# after an upgrade would.
if [[ $(sqlite3 "$WORK/b-base.sqlite" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'report_days'") == 0 ]] \
    || [[ $(sqlite3 "$WORK/b-base.sqlite" "SELECT COUNT(*) FROM report_days") -lt $DAYS ]]; then
    measure "B build: report parts of $DAYS days" "$CHATMINE" report --db "$WORK/b-base.sqlite" --out "$WORK/b-base-report" \
        --since 2026-10-01 --until "$(date -u -d "2026-10-01 + $DAYS days" +%F)" -q
    sqlite3 "$WORK/b-base.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fi
echo "  base store: $(du -m "$WORK/b-base.sqlite" | cut -f1) MB, $(sqlite3 "$WORK/b-base.sqlite" 'SELECT COUNT(*) FROM turns') turns"
fi
if [[ $PARTS == *B* ]]; then
rm -rf "$WORK/b" && mkdir -p "$WORK/b/inbox" && cp "$WORK/b-base.sqlite" "$WORK/b/store.sqlite" && ln "$new_day" "$WORK/b/inbox/"
measure "B nightly ($DAYS days in store)" "$CHATMINE" nightly --db "$WORK/b/store.sqlite" --inbox "$WORK/b/inbox" --out "$WORK/b/out"
sed 's/^/    /' "$WORK/B nightly ($DAYS days in store).stderr"
fi

if [[ $PARTS == *C* ]]; then
echo "== C. retention on a copy of the $DAYS-day store"
rm -rf "$WORK/c" && mkdir -p "$WORK/c" && cp "$WORK/b-base.sqlite" "$WORK/c/store.sqlite"
today=$(date -u +%s)
first=$(( (today - $(date -u -d 2026-10-01 +%s)) / 86400 ))
for keep in $((first - DAYS / 2)) $((first - DAYS * 5 / 6)); do
    echo "  store before: $(du -m "$WORK/c/store.sqlite" | cut -f1) MB; keeping $keep days"
    measure "C retention --retention-days $keep" "$CHATMINE" nightly --db "$WORK/c/store.sqlite" --out "$WORK/c/out" \
        --since 2000-01-01 --until 2000-01-02 --retention-days "$keep"
    grep retention "$WORK/C retention --retention-days $keep.stderr" | sed 's/^/    /'
    sqlite3 "$WORK/c/store.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    echo "  store after: $(du -m "$WORK/c/store.sqlite" | cut -f1) MB, $(sqlite3 "$WORK/c/store.sqlite" "SELECT COUNT(*) FROM turns WHERE text = ''") turns without text"
done
fi
