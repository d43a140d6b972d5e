-- Estimated savings: every contained conversation (engaged, not escalated) is one a human did
-- not have to handle, saving the cost of a human-handled conversation minus the cost of a
-- bot-handled one (metric_params cost_human_conversation, cost_bot_conversation, from the
-- rules' "costs"). numerator = contained conversations.
WITH costs AS (
    SELECT MAX(CASE WHEN name = 'cost_human_conversation' THEN value END) AS human,
           MAX(CASE WHEN name = 'cost_bot_conversation' THEN value END) AS bot
    FROM metric_params
)
SELECT s.grp, 'estimated_savings' AS kpi, 'amount' AS kind, SUM(o.contained) AS numerator,
       CAST(NULL AS INTEGER) AS denominator, SUM(o.contained) * (MAX(c.human) - MAX(c.bot)) AS value
FROM metric_scope s
JOIN outcomes o ON o.conversation_id = s.conversation_id
CROSS JOIN costs c
GROUP BY s.grp
