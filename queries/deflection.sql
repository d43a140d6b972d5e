-- True deflection and durable resolution: did the same user come back?
-- outcomes.next_started_at is the start of the same user's next conversation (NULL when there
-- is none or the conversation has no user id: such conversations count as not returning).
-- A return is a next conversation starting no later than the window after this one ended
-- (metric_params: deflection_window_ms, 24 h by default; durable_window_ms, 7 days).
--   true_deflection_rate    = contained and no return within the deflection window ÷ engaged
--   durable_resolution_rate = resolved and no return within the durable window ÷ engaged
WITH windows AS (
    SELECT MAX(CASE WHEN name = 'deflection_window_ms' THEN value END) AS deflection_ms,
           MAX(CASE WHEN name = 'durable_window_ms' THEN value END) AS durable_ms
    FROM metric_params
), per_group AS (
    SELECT s.grp,
           SUM(o.engaged) AS engaged,
           SUM(CASE WHEN o.contained = 1 AND NOT (o.next_started_at IS NOT NULL AND o.ended_at IS NOT NULL
                         AND o.next_started_at - o.ended_at <= w.deflection_ms) THEN 1 ELSE 0 END) AS deflected,
           SUM(CASE WHEN o.resolved = 1 AND NOT (o.next_started_at IS NOT NULL AND o.ended_at IS NOT NULL
                         AND o.next_started_at - o.ended_at <= w.durable_ms) THEN 1 ELSE 0 END) AS durable,
           SUM(CASE WHEN o.user_id IS NULL AND o.engaged = 1 THEN 1 ELSE 0 END) AS without_user
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
    CROSS JOIN windows w
    GROUP BY s.grp
)
SELECT grp, 'true_deflection_rate' AS kpi, 'rate' AS kind, deflected AS numerator, engaged AS denominator,
       CAST(NULL AS DOUBLE PRECISION) AS value
FROM per_group
UNION ALL
SELECT grp, 'durable_resolution_rate', 'rate', durable, engaged, NULL FROM per_group
UNION ALL
SELECT grp, 'engaged_without_user_id', 'rate', without_user, engaged, NULL FROM per_group
