-- unique_articles: one row per original article (not a duplicate of another), with its source
-- and, once clustered, its event; ordered by article id. The article text is left out (it is
-- by far the largest column): join articles on id = article_id for it.
SELECT
    a.id AS article_id,
    a.canonical_url,
    a.url,
    a.title,
    a.author,
    a.published_at,
    a.first_seen_at,
    a.language,
    a.word_count,
    a.content_hash,
    a.source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    ea.event_id
FROM articles AS a
LEFT JOIN sources AS s ON s.id = a.source_id
LEFT JOIN event_articles AS ea ON ea.article_id = a.id
WHERE a.duplicate_of_id IS NULL
ORDER BY a.id
