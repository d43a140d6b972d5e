#!/usr/bin/env bash
# Platform readers against the generic JSONL reader: time per MB of `chatmine ingest --format X`.
# Synthesises SIZE_MB (default 8) of each format from fixtures/platforms by repeating the records
# with fresh conversation/session/message ids, ingests each into a fresh database (best of RUNS,
# default 3) and prints seconds per MB and the ratio to generic JSONL (target: ≤ 1.5).
#   bench/formats.sh            # from the repository root
#   SIZE_MB=16 RUNS=5 bench/formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${SIZE_MB:-8}"
RUNS="${RUNS:-3}"
WORK="${WORK:-${TMPDIR:-/tmp}/chatmine-bench-formats}"

swift build -c release --product chatmine >/dev/null
BIN="$(swift build -c release --show-bin-path)/chatmine"
rm -rf "$WORK" && mkdir -p "$WORK/data"

python3 - "$WORK/data" "$SIZE_MB" <<'PY'
import json, os, sys, copy
out, size_mb = sys.argv[1], float(sys.argv[2])
target = int(size_mb * 1024 * 1024)
fx = "fixtures/platforms"

def write_lines(name, make):
    """Calls make(i) -> list of lines until the file reaches the target size."""
    path = os.path.join(out, name)
    written, i = 0, 0
    with open(path, "w") as f:
        while written < target:
            for line in make(i):
                f.write(line + "\n")
                written += len(line.encode()) + 1
            i += 1

# Generic JSONL: the shared format's turns and events, fresh ids per conversation.
generic = [json.loads(l) for l in open(f"{fx}/generic/turns.jsonl")]
extra = [
    {"conversation_id": "g", "message_id": "m3", "timestamp": "2026-11-01T09:15:10.000Z", "role": "user", "text": "and can I change the delivery address?", "intent": "change_address", "confidence": 0.71, "channel": "web", "user_id": "u00042"},
    {"conversation_id": "g", "timestamp": "2026-11-01T09:15:11.000Z", "event": "api_call", "name": "order_status", "status": "error", "latency_ms": 1234},
    {"conversation_id": "g", "message_id": "m4", "timestamp": "2026-11-01T09:15:12.000Z", "role": "bot", "text": "Sorry, I could not reach the order system. Let me get someone to help you.", "channel": "web"},
    {"conversation_id": "g", "timestamp": "2026-11-01T09:15:13.000Z", "event": "handoff"},
]
def gen_generic(i):
    lines = []
    for r in generic + extra:
        r = dict(r); r["conversation_id"] = f"g{i:07d}"
        if "message_id" in r: r["message_id"] = f"g{i:07d}-{r['message_id'][-4:]}"
        lines.append(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
    return lines
write_lines("generic.jsonl", gen_generic)

openai = [json.loads(l) for l in open(f"{fx}/openai/support-chats.jsonl")]
def gen_openai(i):
    lines = []
    for k, r in enumerate(openai):
        r = copy.deepcopy(r)
        if "id" in r: r["id"] = f"{r['id']}-{i}"
        else: r["messages"][1]["content"][0]["text"] += f" (#{i})"
        lines.append(json.dumps(r, separators=(",", ":")))
    return lines
write_lines("openai.jsonl", gen_openai)

rasa = [json.loads(l) for l in open(f"{fx}/rasa/event-broker.jsonl")]
def gen_rasa(i):
    lines = []
    for r in rasa:
        r = copy.deepcopy(r)
        r["sender_id"] = f"{r['sender_id']}-{i}"
        r["timestamp"] = round(r["timestamp"] + i * 60, 6)
        if "message_id" in r:
            r["message_id"] = f"{r['message_id'][:24]}{i:08d}"
            r["parse_data"]["message_id"] = r["message_id"]
        lines.append(json.dumps(r, separators=(",", ":")))
    return lines
write_lines("rasa.jsonl", gen_rasa)

lex = [json.loads(l[l.index("{"):]) for l in open(f"{fx}/lex/conversation-logs.jsonl")]
def gen_lex(i):
    lines = []
    for r in lex:
        r = copy.deepcopy(r)
        r["sessionId"] = f"{r['sessionId'][:24]}{i:012d}"
        r["requestId"] = f"{r['requestId'][:24]}{i:012d}"
        lines.append(json.dumps(r, separators=(",", ":")))
    return lines
write_lines("lex.jsonl", gen_lex)

df = [json.loads(l) for l in open(f"{fx}/dialogflow-cx/interaction-logs.jsonl")]
def gen_df(i):
    lines = []
    for r in df:
        r = copy.deepcopy(r)
        old = r["conversation_name"]
        r["conversation_name"] = f"{old}-{i}"
        for col in ("request", "response"):
            if isinstance(r[col], str): r[col] = r[col].replace(old, r["conversation_name"])
        lines.append(json.dumps(r, separators=(",", ":")))
    return lines
write_lines("dialogflow-cx.jsonl", gen_df)

# Bot Framework: transcripts of about 1 MB each (one long conversation per file).
bf = json.load(open(f"{fx}/botframework/billing-chat.transcript"))
os.makedirs(os.path.join(out, "botframework"), exist_ok=True)
written, n = 0, 0
while written < target:
    acts = []
    for rep in range(200):
        for a in bf:
            a = copy.deepcopy(a)
            a["conversation"] = {"id": f"bf-{n}"}
            a["id"] = f"{a['id']}-{rep}"
            acts.append(a)
    text = json.dumps(acts, indent=1)
    open(os.path.join(out, "botframework", f"chat-{n:03d}.transcript"), "w").write(text)
    written += len(text.encode()); n += 1
PY

ingest() { # format, paths... → "best wall seconds, best CPU seconds (user+sys)" over RUNS runs
    local format="$1"; shift
    local times=()
    for _ in $(seq "$RUNS"); do
        rm -f "$WORK/db.sqlite" "$WORK/db.sqlite-wal" "$WORK/db.sqlite-shm"
        times+=("$( { /usr/bin/time -f "%e %U %S" "$BIN" ingest --db "$WORK/db.sqlite" --format "$format" --quiet "$@" ; } 2>&1 | tail -1)")
    done
    printf "%s\n" "${times[@]}" | python3 -c "
import sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
print(min(r[0] for r in rows), min(r[1] + r[2] for r in rows))"
}

size_mb() { du -cb "$@" | tail -1 | awk '{ printf "%.3f", $1 / 1048576 }'; }

echo "chatmine ingest, best of $RUNS runs, $SIZE_MB MB per format; ratio = (s/MB of the format) / (s/MB of generic jsonl)"
printf "%-14s %7s %9s %9s %9s %9s %9s\n" format MB "wall s" "wall s/MB" "wall ×" "cpu s/MB" "cpu ×"
base_mb=$(size_mb "$WORK/data/generic.jsonl")
read -r base_wall base_cpu < <(ingest jsonl "$WORK/data/generic.jsonl")
report() { # format mb wall cpu
    python3 -c "
mb, wall, cpu, bw, bc, bm = $2, $3, $4, $base_wall, $base_cpu, $base_mb
print('%-14s %7.2f %9.3f %9.4f %9.2f %9.4f %9.2f' % ('$1', mb, wall, wall / mb, (wall / mb) / (bw / bm), cpu / mb, (cpu / mb) / (bc / bm)))"
}
report jsonl "$base_mb" "$base_wall" "$base_cpu"
for entry in openai:openai.jsonl rasa:rasa.jsonl lex:lex.jsonl dialogflow-cx:dialogflow-cx.jsonl botframework:botframework; do
    format="${entry%%:*}"; path="$WORK/data/${entry#*:}"
    mb=$(size_mb "$path")
    read -r wall cpu < <(ingest "$format" "$path")
    report "$format" "$mb" "$wall" "$cpu"
done
