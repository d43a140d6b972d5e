-- Bot response latency: for every bot turn whose previous message (among user, bot and agent
-- turns, in time order) is a user turn, the time between the two, in milliseconds. A burst of
-- user messages is measured from the last one. Turns without a timestamp are left out.
-- Median and p90 by the nearest-rank method (see length.sql).
WITH ordered AS (
    SELECT s.grp, t.role, t.ts,
           LAG(t.role) OVER (PARTITION BY t.conversation_id ORDER BY t.ts, t.id) AS previous_role,
           LAG(t.ts) OVER (PARTITION BY t.conversation_id ORDER BY t.ts, t.id) AS previous_ts
    FROM metric_scope s
    JOIN turns t ON t.conversation_id = s.conversation_id
    WHERE t.role IN ('user', 'bot', 'agent') AND t.ts IS NOT NULL
), latencies AS (
    SELECT grp, ts - previous_ts AS ms FROM ordered WHERE role = 'bot' AND previous_role = 'user'
), ranked AS (
    SELECT grp, ms,
           ROW_NUMBER() OVER (PARTITION BY grp ORDER BY ms) AS rn,
           COUNT(*) OVER (PARTITION BY grp) AS n
    FROM latencies
)
SELECT grp, 'bot_latency_median_ms' AS kpi, 'median' AS kind, CAST(NULL AS INTEGER) AS numerator,
       n AS denominator, CAST(ms AS DOUBLE PRECISION) AS value
FROM ranked WHERE rn * 2 >= n AND (rn - 1) * 2 < n
UNION ALL
SELECT grp, 'bot_latency_p90_ms', 'p90', NULL, n, ms FROM ranked WHERE rn * 10 >= n * 9 AND (rn - 1) * 10 < n * 9
