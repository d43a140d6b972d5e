-- Conversation length: turns (user + bot + agent messages) and duration (last minus first
-- timestamp, seconds). Median and p90 by the nearest-rank method: the value at rank
-- ceil(p × n) of the sorted values (written with integer arithmetic only, so it runs unchanged
-- on SQLite, PostgreSQL and DuckDB). numerator is empty, denominator is n.
WITH turn_ranks AS (
    SELECT s.grp, o.turns AS x,
           ROW_NUMBER() OVER (PARTITION BY s.grp ORDER BY o.turns) AS rn,
           COUNT(*) OVER (PARTITION BY s.grp) AS n
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
), duration_ranks AS (
    SELECT s.grp, o.duration_ms AS x,
           ROW_NUMBER() OVER (PARTITION BY s.grp ORDER BY o.duration_ms) AS rn,
           COUNT(*) OVER (PARTITION BY s.grp) AS n
    FROM metric_scope s
    JOIN outcomes o ON o.conversation_id = s.conversation_id
    WHERE o.duration_ms IS NOT NULL
)
SELECT grp, 'turns_median' AS kpi, 'median' AS kind, CAST(NULL AS INTEGER) AS numerator, n AS denominator,
       CAST(x AS DOUBLE PRECISION) AS value
FROM turn_ranks WHERE rn * 2 >= n AND (rn - 1) * 2 < n
UNION ALL
SELECT grp, 'turns_p90', 'p90', NULL, n, x FROM turn_ranks WHERE rn * 10 >= n * 9 AND (rn - 1) * 10 < n * 9
UNION ALL
SELECT grp, 'duration_median_s', 'median', NULL, n, x / 1000.0 FROM duration_ranks WHERE rn * 2 >= n AND (rn - 1) * 2 < n
UNION ALL
SELECT grp, 'duration_p90_s', 'p90', NULL, n, x / 1000.0 FROM duration_ranks WHERE rn * 10 >= n * 9 AND (rn - 1) * 10 < n * 9
