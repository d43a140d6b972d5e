-- requires: conversation_sentiment
-- Sentiment of the conversations scored by `chatmine score` (table conversation_sentiment).
--   sentiment_mean   = mean of conversation_sentiment.mean (the mean score in [-1, 1] of the
--                      user's turns) over scored conversations that have one
--   frustration_rate = conversations flagged frustrated ÷ scored conversations
-- Skipped until that table exists.
SELECT s.grp, 'sentiment_mean' AS kpi, 'mean' AS kind, SUM(cs."mean") AS numerator,
       COUNT(cs."mean") AS denominator, AVG(cs."mean") AS value
FROM metric_scope s
JOIN conversation_sentiment cs ON cs.conversation_id = s.conversation_id
GROUP BY s.grp
UNION ALL
SELECT s.grp, 'frustration_rate', 'rate', SUM(CASE WHEN cs.frustrated = 1 THEN 1 ELSE 0 END), COUNT(*), NULL
FROM metric_scope s
JOIN conversation_sentiment cs ON cs.conversation_id = s.conversation_id
GROUP BY s.grp
