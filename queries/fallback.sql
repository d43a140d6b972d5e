-- Fallback rate: user turns the bot did not understand ÷ user turns the bot handled.
-- A user turn is not understood when a `fallback` event follows it (before the next user
-- turn), or its intent is empty or a fallback intent of the rules, or its confidence is under
-- the rules' threshold. Only user turns before an escalation count: after a handoff a human,
-- not the NLU, reads them. The outcome engine counts both per conversation
-- (outcomes.fallback_turns, outcomes.bot_user_turns).
WITH per_group AS (
    SELECT s.grp, SUM(o.fallback_turns) AS fallback_turns, SUM(o.bot_user_turns) AS user_turns
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
    GROUP BY s.grp
)
SELECT grp, 'fallback_rate' AS kpi, 'rate' AS kind, fallback_turns AS numerator, user_turns AS denominator,
       CAST(NULL AS DOUBLE PRECISION) AS value
FROM per_group
