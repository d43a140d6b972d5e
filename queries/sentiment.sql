-- requires: conversation_sentiment
-- Mean sentiment of the conversations scored by `chatmine score` (conversation_sentiment.mean,
-- the mean score in [-1, 1] of the user's turns). Skipped until that table exists.
SELECT s.grp, 'sentiment_mean' AS kpi, 'mean' AS kind, SUM(cs."mean") AS numerator,
       COUNT(cs."mean") AS denominator, AVG(cs."mean") AS value
FROM metric_scope s
JOIN conversation_sentiment cs ON cs.conversation_id = s.conversation_id
GROUP BY s.grp
