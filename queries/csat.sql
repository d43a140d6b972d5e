-- CSAT: the last `csat` score of each conversation (outcomes.csat, NULL when none was given).
--   csat_mean           = mean score over conversations with a score
--   csat_response_rate  = conversations with a score ÷ all conversations
--   csat_satisfied_rate = scores at or above the rules' cut (metric_params csat_resolved_min,
--                         4 of 5 by default) ÷ conversations with a score
WITH cut AS (
    SELECT MAX(CASE WHEN name = 'csat_resolved_min' THEN value END) AS satisfied_min FROM metric_params
), per_group AS (
    SELECT s.grp,
           COUNT(*) AS conversations,
           COUNT(o.csat) AS responses,
           SUM(o.csat) AS score_sum,
           SUM(CASE WHEN o.csat >= c.satisfied_min THEN 1 ELSE 0 END) AS satisfied
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
    CROSS JOIN cut c
    GROUP BY s.grp
)
SELECT grp, 'csat_mean' AS kpi, 'mean' AS kind, score_sum AS numerator, responses AS denominator,
       CASE WHEN responses > 0 THEN score_sum / responses END AS value
FROM per_group
UNION ALL
SELECT grp, 'csat_response_rate', 'rate', responses, conversations, NULL FROM per_group
UNION ALL
SELECT grp, 'csat_satisfied_rate', 'rate', satisfied, responses, NULL FROM per_group
