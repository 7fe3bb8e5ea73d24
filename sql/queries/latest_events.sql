-- latest_events: events, the one with the latest article first (`wirehouse events`); with
-- `since` set, only those with an article at or after it; with `event_id` set, that event only.
-- Parameters: since (UTC timestamp, or NULL), event_id (an event's id, or NULL), max_rows.
SELECT
    id,
    title,
    first_published_at,
    last_published_at,
    article_count,
    source_count,
    top_terms
FROM events
-- (the casts give PostgreSQL the type of a NULL parameter)
WHERE (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR last_published_at >= :since)
    AND (CAST(:event_id AS BIGINT) IS NULL OR id = :event_id)
ORDER BY last_published_at DESC NULLS LAST, id DESC
LIMIT :max_rows
