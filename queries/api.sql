-- API calls (`api_call` events). A call failed when ok = 0, or, without ok, when its status is
-- present and not a success word (ok, success, succeeded, successful, done, completed) nor a
-- 2xx code.
--   api_failure_rate           = failed calls ÷ calls, all APIs together
--   api_failure_rate[NAME]     = the same for one API
--   escalation_after_api_failure_share = escalated conversations whose escalation came within
--       the rules' number of turns (3) after a failed call ÷ escalated conversations
WITH calls AS (
    SELECT s.grp, COALESCE(e.name, '(unnamed)') AS api,
           CASE WHEN e.ok = 0 THEN 1
                WHEN e.ok IS NULL AND e.status IS NOT NULL AND e.status <> ''
                     AND LOWER(e.status) NOT IN ('ok', 'success', 'succeeded', 'successful', 'done', 'completed')
                     AND NOT (LENGTH(e.status) = 3 AND e.status LIKE '2%') THEN 1
                ELSE 0 END AS failed
    FROM metric_scope s
    JOIN events e ON e.conversation_id = s.conversation_id
    WHERE e.kind = 'api_call'
), escalations AS (
    SELECT s.grp, SUM(o.escalated) AS escalated, SUM(o.escalated_after_api_failure) AS after_failure
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
    GROUP BY s.grp
)
SELECT grp, 'api_failure_rate' AS kpi, 'rate' AS kind, SUM(failed) AS numerator, COUNT(*) AS denominator,
       CAST(NULL AS DOUBLE PRECISION) AS value
FROM calls GROUP BY grp
UNION ALL
SELECT grp, 'api_failure_rate[' || api || ']', 'rate', SUM(failed), COUNT(*), NULL FROM calls GROUP BY grp, api
UNION ALL
SELECT grp, 'escalation_after_api_failure_share', 'rate', after_failure, escalated, NULL FROM escalations
