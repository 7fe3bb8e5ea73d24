-- biggest_events: the events with the widest coverage lately, ranked by
-- how many distinct sources covered them, then by article count. Only articles published (or,
-- undated, first seen) at or after `since` count.
-- Parameters: since (UTC timestamp, e.g. a week ago), max_rows (how many events to list).
SELECT
    e.id AS event_id,
    e.title,
    COUNT(DISTINCT a.source_id) AS sources,
    COUNT(*) AS articles,
    SUM(CASE WHEN a.duplicate_of_id IS NULL THEN 1 ELSE 0 END) AS original_articles,
    MIN(COALESCE(a.published_at, a.first_seen_at)) AS first_published_at,
    MAX(COALESCE(a.published_at, a.first_seen_at)) AS last_published_at
FROM events AS e
JOIN event_articles AS ea ON ea.event_id = e.id
JOIN articles AS a ON a.id = ea.article_id
WHERE COALESCE(a.published_at, a.first_seen_at) >= :since
GROUP BY e.id, e.title
ORDER BY sources DESC, articles DESC, e.id
LIMIT :max_rows
