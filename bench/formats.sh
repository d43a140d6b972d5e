#!/usr/bin/env bash
# Platform readers against the generic JSONL reader: time per MB of `chatmine ingest --format X`.
# Generates SIZE_MB (default 8) of generic JSONL with `chatmine generate`, rewrites the same
# conversations in each platform's shape (the shapes of fixtures/platforms), ingests each into a
# fresh database (best of RUNS, default 3) and prints seconds per MB and the ratio to generic
# JSONL (target: ≤ 1.5). The default size (64 MB of generic JSONL) makes the fixed start-up cost
# (process start, database creation and migrations) small next to the reading; that cost is
# measured on its own first (an empty file) and printed, so small runs can be read with it in mind.
#   bench/formats.sh            # from the repository root
#   SIZE_MB=16 RUNS=5 bench/formats.sh
#   BIN=/path/to/other/chatmine KEEP_DATA=1 bench/formats.sh   # another build, same files
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${SIZE_MB:-64}"
RUNS="${RUNS:-3}"
WORK="${WORK:-${TMPDIR:-/tmp}/chatmine-bench-formats}"

if [ -z "${BIN:-}" ]; then
    swift build -c release --product chatmine >/dev/null
    BIN="$(swift build -c release --show-bin-path)/chatmine"
fi
if [ -n "${KEEP_DATA:-}" ] && [ -f "$WORK/data/generic.jsonl" ]; then
    echo "reusing the files in $WORK/data"
else
rm -rf "$WORK" && mkdir -p "$WORK/data"

# The baseline: the generic JSONL that `chatmine generate` writes (about 1.45 KB per conversation).
"$BIN" generate --conversations "$(python3 -c "print(int($SIZE_MB * 1048576 / 1450))")" --seed 7 --quiet --out "$WORK/data/generic.jsonl"

python3 - "$WORK/data" <<'PY'
# Writes the generated conversations of generic.jsonl in each platform's shape, so every format
# carries the same conversations, turns and texts.
import json, os, sys, datetime
out = sys.argv[1]
conversations, order = {}, []
for line in open(os.path.join(out, "generic.jsonl")):
    r = json.loads(line)
    c = r["conversation_id"]
    if c not in conversations: conversations[c] = []; order.append(c)
    conversations[c].append(r)

def epoch(ts): return datetime.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()
def dumps(v): return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
def meta(rs):
    first = next((r for r in rs if "role" in r), rs[0])
    return first.get("user_id"), first.get("channel"), rs[0]["timestamp"]

# OpenAI: one conversation per line; tool calls for API calls, outcome flags in metadata.
with open(os.path.join(out, "openai.jsonl"), "w") as f:
    for c in order:
        rs = conversations[c]; user, channel, start = meta(rs)
        md = {"user_id": user, "channel": channel, "created_at": start}
        msgs = [{"role": "system", "content": "You are the virtual assistant of a bank, a shop and an airline. Use the tools to look up accounts, orders and bookings; hand over to a human agent when asked."}]
        for i, r in enumerate(rs):
            if "role" in r:
                msgs.append({"role": "user" if r["role"] == "user" else "assistant", "content": r["text"]})
            elif r["event"] == "api_call":
                call = f"call_{c}_{i}"
                msgs.append({"role": "assistant", "content": None, "tool_calls": [{"id": call, "type": "function", "function": {"name": r["name"], "arguments": "{}"}}]})
                result = {"error": {"message": "upstream error", "status": r["status"]}} if r["status"] != "ok" else {"status": "ok"}
                msgs.append({"role": "tool", "tool_call_id": call, "content": dumps(result)})
            elif r["event"] == "csat": md["csat"] = str(r["score"])
            elif r["event"] in ("handoff", "resolved"): md[r["event"]] = True
        f.write(dumps({"id": c, "metadata": md, "messages": msgs}) + "\n")

# Rasa: the event broker's stream, one event per line, with Rasa's action_listen/utter actions.
with open(os.path.join(out, "rasa.jsonl"), "w") as f:
    for c in order:
        rs = conversations[c]; user, channel, start = meta(rs)
        sender = f"{user}-{c}"
        t0 = epoch(start)
        f.write(dumps({"sender_id": sender, "event": "action", "timestamp": t0 - 0.002, "name": "action_session_start", "policy": None, "confidence": 1.0, "action_text": None, "hide_rule_turn": False}) + "\n")
        f.write(dumps({"sender_id": sender, "event": "session_started", "timestamp": t0 - 0.001}) + "\n")
        for i, r in enumerate(rs):
            t = epoch(r["timestamp"])
            if "role" in r and r["role"] == "user":
                pd = {"intent": {"name": r.get("intent"), "confidence": r.get("confidence")}, "entities": [], "text": r["text"], "message_id": r["message_id"], "metadata": {}}
                f.write(dumps({"sender_id": sender, "event": "user", "timestamp": t, "text": r["text"], "parse_data": pd, "input_channel": channel, "message_id": r["message_id"], "metadata": {}}) + "\n")
            elif "role" in r:
                f.write(dumps({"sender_id": sender, "event": "action", "timestamp": t - 0.001, "name": "utter_response", "policy": "TEDPolicy", "confidence": 0.97, "action_text": None, "hide_rule_turn": False}) + "\n")
                f.write(dumps({"sender_id": sender, "event": "bot", "timestamp": t, "text": r["text"], "data": {}, "metadata": {"utter_action": "utter_response"}}) + "\n")
                f.write(dumps({"sender_id": sender, "event": "action", "timestamp": t + 0.001, "name": "action_listen", "policy": "TEDPolicy", "confidence": 0.99, "action_text": None, "hide_rule_turn": False}) + "\n")
            elif r["event"] == "api_call":
                ev = {"event": "action", "name": "action_" + r["name"]} if r["status"] == "ok" else {"event": "action_execution_rejected", "name": "action_" + r["name"]}
                f.write(dumps({"sender_id": sender, **ev, "timestamp": t, "policy": "TEDPolicy", "confidence": 0.95}) + "\n")
            elif r["event"] == "handoff":
                f.write(dumps({"sender_id": sender, "event": "action", "timestamp": t, "name": "action_human_handoff", "policy": "RulePolicy", "confidence": 1.0}) + "\n")
            elif r["event"] == "fallback":
                f.write(dumps({"sender_id": sender, "event": "action", "timestamp": t, "name": "action_default_fallback", "policy": "RulePolicy", "confidence": 1.0}) + "\n")
            elif r["event"] == "csat":
                f.write(dumps({"sender_id": sender, "event": "slot", "timestamp": t, "name": "csat", "value": r["score"]}) + "\n")

def turns_by_user_turn(rs):
    """Each user turn with the replies and events that follow it (before the next user turn)."""
    groups, current = [], None
    for r in rs:
        if r.get("role") == "user":
            current = {"user": r, "replies": [], "events": []}; groups.append(current)
        elif current is not None:
            (current["replies"] if "role" in r else current["events"]).append(r)
    return groups

bot = {"name": "SupportBot", "version": "7", "id": "QX7RZP2KLM", "aliasName": "prod", "aliasId": "TSTALIASID", "localeId": "en_US"}
with open(os.path.join(out, "lex.jsonl"), "w") as f:
    for c in order:
        rs = conversations[c]; user, channel, start = meta(rs)
        for k, g in enumerate(turns_by_user_turn(rs)):
            u = g["user"]; kinds = {e["event"]: e for e in g["events"]}
            name = u.get("intent") or "FallbackIntent"
            state = "InProgress"
            if "api_call" in kinds: state = "Fulfilled" if kinds["api_call"]["status"] == "ok" else "Failed"
            slots = {"csat": {"value": {"originalValue": str(kinds["csat"]["score"]), "interpretedValue": str(kinds["csat"]["score"]), "resolvedValues": []}, "shape": "Scalar"}} if "csat" in kinds else {}
            intent = {"name": name, "state": state, "confirmationState": "None", "slots": slots}
            interp = [{"nluConfidence": "%.2f" % u["confidence"], "intent": intent} if u.get("confidence") is not None else {"intent": intent}, {"intent": {"name": "FallbackIntent", "slots": {}}}]
            rec = {"timestamp": u["timestamp"], "messageVersion": "2.0", "requestId": f"{c}-{k}", "sessionId": c, "inputMode": "Text", "operationName": "RecognizeText",
                   "developerOverride": False, "missedUtterance": "fallback" in kinds, "bot": bot,
                   "sessionState": {"originatingRequestId": f"{c}-{k}", "intent": intent, "dialogAction": {"type": "Close" if state != "InProgress" else "ElicitIntent"}},
                   "interpretations": interp, "inputTranscript": u["text"], "messages": [{"contentType": "PlainText", "content": r["text"]} for r in g["replies"]],
                   "requestAttributes": {"x-amz-lex:channels:platform": channel}, "userId": user}
            f.write(dumps(rec) + "\n")

agent = "projects/support/locations/global/agents/4f1c2b3a-9d8e-4c7b-a6f5-e4d3c2b1a098"
with open(os.path.join(out, "dialogflow-cx.jsonl"), "w") as f:
    for c in order:
        rs = conversations[c]; user, channel, start = meta(rs)
        session = f"{agent}/sessions/{c}"
        for k, g in enumerate(turns_by_user_turn(rs)):
            u = g["user"]; kinds = {e["event"]: e for e in g["events"]}
            match = {"intent": {"name": f"{agent}/intents/{u.get('intent')}", "displayName": u.get("intent")}, "matchType": "INTENT", "confidence": u.get("confidence"), "resolvedInput": u["text"]} \
                if u.get("intent") and "fallback" not in kinds else {"matchType": "NO_MATCH", "resolvedInput": u["text"]}
            messages = [{"text": {"text": [r["text"]]}} for r in g["replies"]]
            if "handoff" in kinds: messages.append({"liveAgentHandoff": {"metadata": {}}})
            if "resolved" in kinds: messages.append({"conversationSuccess": {"metadata": {}}})
            if "session_end" in kinds: messages.append({"endInteraction": {}})
            qr = {"text": u["text"], "languageCode": "en", "responseMessages": messages, "match": match, "currentPage": {"name": f"{agent}/flows/main/pages/START_PAGE", "displayName": "Start Page"}}
            if "api_call" in kinds:
                e = kinds["api_call"]
                qr["webhookStatuses"] = [{} if e["status"] == "ok" else {"code": 14, "message": "Webhook call failed. Error: UNAVAILABLE."}]
                qr["webhookDisplayNames"] = [e["name"]]; qr["webhookLatencies"] = ["%.3fs" % (e.get("latency_ms", 0) / 1000)]
            if "csat" in kinds: qr["parameters"] = {"csat": kinds["csat"]["score"]}
            req = {"session": session, "queryInput": {"text": {"text": u["text"]}, "languageCode": "en"}, "queryParams": {"channel": channel}}
            t = u["timestamp"].replace("T", " ").replace("Z", " UTC")
            f.write(dumps({"project_id": "support", "agent_id": agent.split("/")[-1], "conversation_name": session, "turn_position": k + 1, "request_time": t,
                           "language_code": "en", "request": dumps(req), "response": dumps({"responseId": f"{c}-{k}", "queryResult": qr}),
                           "partial_responses": None, "derived_data": None, "conversation_signals": dumps({"turnSignals": {"noMatch": "fallback" in kinds}})}) + "\n")

# Bot Framework: transcripts of about 1 MB, several conversations each.
os.makedirs(os.path.join(out, "botframework"), exist_ok=True)
acts, size, n = [], 0, 0
def flush():
    global acts, size, n
    if acts:
        open(os.path.join(out, "botframework", f"chats-{n:03d}.transcript"), "w").write(json.dumps(acts, ensure_ascii=False, indent=1))
        acts, size, n = [], 0, n + 1
for c in order:
    rs = conversations[c]; user, channel, start = meta(rs)
    ua = {"id": user, "name": "User", "role": "user"}; ba = {"id": "support-bot", "name": "Support Bot", "role": "bot"}
    base = {"channelId": channel, "conversation": {"id": c}, "serviceUrl": "https://directline.botframework.com/"}
    for i, r in enumerate(rs):
        a = {"id": f"{c}|{i:07d}", "timestamp": r["timestamp"], **base}
        if r.get("role") == "user":
            acts.append({"type": "message", **a, "from": ua, "recipient": ba, "text": r["text"], "textFormat": "plain", "locale": "en-US"})
            if r.get("intent"):
                acts.append({"type": "trace", **a, "id": a["id"] + "t", "from": ba, "recipient": ua, "name": "LuisRecognizer", "label": "Luis Trace",
                             "valueType": "https://www.luis.ai/schemas/trace", "value": {"recognizerResult": {"text": r["text"], "intents": {r["intent"]: {"score": r.get("confidence") or 0}}, "entities": {}}}})
        elif "role" in r:
            who = ba if r["role"] == "bot" else {"id": "agent-7", "name": "Agent", "role": "agent"}
            acts.append({"type": "message", **a, "from": who, "recipient": ua, "text": r["text"]})
        elif r["event"] == "handoff":
            acts.append({"type": "event", **a, "from": ba, "recipient": ua, "name": "handoff.initiate", "value": {}})
        elif r["event"] == "session_end":
            acts.append({"type": "endOfConversation", **a, "from": ba, "recipient": ua, "code": "completedSuccessfully"})
        elif r["event"] == "csat":
            acts.append({"type": "event", **a, "from": ua, "recipient": ba, "name": "csat", "value": {"score": r["score"]}})
        size += 400
    if size > 1_000_000: flush()
flush()
PY
fi
: > "$WORK/data/empty.jsonl"

ingest() { # format, paths... → "best wall s, best CPU s (user+sys), records stored" over RUNS runs
    local format="$1"; shift
    local times=()
    for _ in $(seq "$RUNS"); do
        rm -f "$WORK/db.sqlite" "$WORK/db.sqlite-wal" "$WORK/db.sqlite-shm"
        times+=("$( { /usr/bin/time -f "%e %U %S" "$BIN" ingest --db "$WORK/db.sqlite" --format "$format" --quiet "$@" ; } 2>&1 | tail -1)")
    done
    local records
    records=$(sqlite3 "$WORK/db.sqlite" "SELECT (SELECT count(*) FROM turns) + (SELECT count(*) FROM events)")
    printf "%s\n" "${times[@]}" | python3 -c "
import sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
print(min(r[0] for r in rows), min(r[1] + r[2] for r in rows), $records)"
}

size_mb() { du -cb "$@" | tail -1 | awk '{ printf "%.3f", $1 / 1048576 }'; }

echo "chatmine ingest of the same generated conversations in each format, best of $RUNS runs ($BIN)"
read -r start_wall start_cpu _ < <(ingest jsonl "$WORK/data/empty.jsonl")
echo "start-up (an empty file into a fresh database): $start_wall s wall, $start_cpu s CPU; included in every row below"
echo "× = (seconds per MB of the format) / (seconds per MB of generic jsonl); per-1k-records × likewise"
printf "%-14s %6s %8s %8s %9s %7s %9s %7s %10s\n" format MB records "wall s" "wall s/MB" "wall ×" "cpu s/MB" "cpu ×" "wall/1k ×"
base_mb=$(size_mb "$WORK/data/generic.jsonl")
read -r base_wall base_cpu base_records < <(ingest jsonl "$WORK/data/generic.jsonl")
report() { # format mb wall cpu records
    python3 -c "
mb, wall, cpu, n, bw, bc, bm, bn = $2, $3, $4, $5, $base_wall, $base_cpu, $base_mb, $base_records
print('%-14s %6.2f %8d %8.3f %9.4f %7.2f %9.4f %7.2f %10.2f' % ('$1', mb, n, wall, wall / mb, (wall / mb) / (bw / bm), cpu / mb, (cpu / mb) / (bc / bm), (wall / n) / (bw / bn)))"
}
report jsonl "$base_mb" "$base_wall" "$base_cpu" "$base_records"
for entry in openai:openai.jsonl rasa:rasa.jsonl lex:lex.jsonl dialogflow-cx:dialogflow-cx.jsonl botframework:botframework; do
    format="${entry%%:*}"; path="$WORK/data/${entry#*:}"
    mb=$(size_mb "$path")
    read -r wall cpu records < <(ingest "$format" "$path")
    report "$format" "$mb" "$wall" "$cpu" "$records"
done
