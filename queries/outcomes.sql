-- Outcome rates (DESIGN.md "Outcomes and KPIs"; docs/KPIS.md for every definition).
-- One outcome per conversation is stored in table `outcomes` by the outcome engine.
--   engagement_rate  = engaged conversations ÷ all conversations
--   containment_rate = engaged and not escalated ÷ engaged
--   resolution_rate  = resolved ÷ engaged
--   escalation_rate  = engaged and escalated ÷ engaged
--   abandonment_rate = abandoned ÷ engaged
-- Columns every KPI query returns: grp, kpi, kind, numerator, denominator, value.
WITH per_group AS (
    SELECT s.grp,
           COUNT(*) AS conversations,
           SUM(o.engaged) AS engaged,
           SUM(o.contained) AS contained,
           SUM(CASE WHEN o.engaged = 1 AND o.escalated = 1 THEN 1 ELSE 0 END) AS escalated,
           SUM(CASE WHEN o.outcome = 'resolved' THEN 1 ELSE 0 END) AS resolved,
           SUM(CASE WHEN o.outcome = 'abandoned' THEN 1 ELSE 0 END) AS abandoned,
           SUM(CASE WHEN o.outcome = 'unengaged' THEN 1 ELSE 0 END) AS unengaged
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
    GROUP BY s.grp
)
SELECT grp, 'conversations' AS kpi, 'count' AS kind, conversations AS numerator,
       CAST(NULL AS INTEGER) AS denominator, CAST(conversations AS DOUBLE PRECISION) AS value
FROM per_group
UNION ALL
SELECT grp, 'engaged', 'count', engaged, NULL, engaged FROM per_group
UNION ALL
SELECT grp, 'engagement_rate', 'rate', engaged, conversations, NULL FROM per_group
UNION ALL
SELECT grp, 'containment_rate', 'rate', contained, engaged, NULL FROM per_group
UNION ALL
SELECT grp, 'resolution_rate', 'rate', resolved, engaged, NULL FROM per_group
UNION ALL
SELECT grp, 'escalation_rate', 'rate', escalated, engaged, NULL FROM per_group
UNION ALL
SELECT grp, 'abandonment_rate', 'rate', abandoned, engaged, NULL FROM per_group
UNION ALL
SELECT grp, 'unengaged_share', 'rate', unengaged, conversations, NULL FROM per_group
