-- latest_articles: articles, newest first, with their outlet and event (`wirehouse articles`);
-- undated ones last. With `event_id` set, only that event's articles.
-- Parameters: event_id (an event's id, or NULL for every article), max_rows (how many).
SELECT
    a.id,
    a.published_at,
    s.name AS source,
    a.title,
    a.canonical_url AS url,
    a.language,
    a.word_count,
    a.duplicate_of_id,
    ea.event_id
FROM articles AS a
LEFT JOIN sources AS s ON s.id = a.source_id
LEFT JOIN event_articles AS ea ON ea.article_id = a.id
-- (the cast gives PostgreSQL the type of a NULL parameter)
WHERE CAST(:event_id AS BIGINT) IS NULL OR ea.event_id = :event_id
ORDER BY a.published_at DESC NULLS LAST, a.id DESC
LIMIT :max_rows
