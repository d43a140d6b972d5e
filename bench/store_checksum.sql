-- The content of a chatmine store for crash-safety comparisons (bench/faults.sh and
-- Tests/ChatMineTests/FaultTests.swift): every data table by natural keys, without row ids,
-- run bookkeeping (runs, settings) or computation times. Clusters are left out on purpose:
-- their lineage is warm-started from earlier runs, so a run that was killed after clustering
-- and redone legitimately adds a cluster run the clean history does not have.
SELECT 'conversations', external_id, user_id, channel, started_at, ended_at FROM conversations ORDER BY 2;
SELECT 'turns', c.external_id, hex(t.record_key), hex(t.content_hash), t.message_id, t.ts, t.role, t.text, t.intent, t.confidence, t.source_line
  FROM turns t JOIN conversations c ON c.id = t.conversation_id ORDER BY 2, 3;
SELECT 'events', c.external_id, hex(e.record_key), hex(e.content_hash), e.event_id, e.ts, e.kind, e.name, e.status, e.ok, e.latency_ms, e.score
  FROM events e JOIN conversations c ON c.id = e.conversation_id ORDER BY 2, 3;
SELECT 'rejects', path, line, reason, raw FROM rejects ORDER BY 2, 3;
SELECT 'sources', path, format, bytes_consumed, records_consumed, lines_consumed, turns, events, rejects FROM sources ORDER BY 2;
SELECT 'turn_sentiment', c.external_id, hex(t.record_key), s.score, s.label
  FROM turn_sentiment s JOIN turns t ON t.id = s.turn_id JOIN conversations c ON c.id = t.conversation_id ORDER BY 2, 3;
SELECT 'conversation_sentiment', c.external_id, s.user_turns, s.mean, s.first_to_last, s.minimum, s.frustrated, s.reasons
  FROM conversation_sentiment s JOIN conversations c ON c.id = s.conversation_id ORDER BY 2;
SELECT 'outcomes', c.external_id, o.outcome, o.engaged, o.escalated, o.contained, o.resolved, o.resolved_by, o.intent, o.channel, o.user_id,
       o.started_at, o.ended_at, o.duration_ms, o.turns, o.user_turns, o.bot_user_turns, o.fallback_turns, o.bot_turns, o.agent_turns, o.csat,
       o.api_calls, o.api_failures, o.escalated_after_api_failure, o.next_started_at, o.deflected, o.durably_resolved, o.rules_hash
  FROM outcomes o JOIN conversations c ON c.id = o.conversation_id ORDER BY 2;
SELECT 'daily_metrics', tz, day, channel, intent, conversations, engaged, contained, escalated, resolved, abandoned, unengaged, deflected,
       durably_resolved, turns, user_turns, bot_user_turns, fallback_turns, csat_responses, csat_sum, csat_satisfied, api_calls, api_failures,
       escalated_after_api_failure, duration_ms_sum, duration_n, rules_hash
  FROM daily_metrics ORDER BY 2, 3, 4, 5;
