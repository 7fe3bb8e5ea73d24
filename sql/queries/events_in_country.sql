-- events_in_country: the events that name a place in one country (the country itself, one of
-- its regions or cities) with articles published (or, undated, first seen) in a date range,
-- widest coverage first. "Every event in Peru this week": country 'PE', since/until the week.
-- Parameters: country (ISO 3166-1 alpha-2, e.g. 'PE'), since, until (UTC timestamps; since
-- included, until excluded), max_rows (how many events to list).
SELECT
    e.id AS event_id,
    e.title,
    e.first_published_at,
    e.last_published_at,
    e.article_count,
    e.source_count,
    COUNT(*) AS places,
    MAX(ee.articles) AS place_articles
FROM events AS e
JOIN event_entities AS ee ON ee.event_id = e.id
JOIN entities AS n ON n.id = ee.entity_id
WHERE n.kind = 'place'
    AND n.country_code = UPPER(:country)
    AND EXISTS (
        SELECT 1
        FROM event_articles AS ea
        JOIN articles AS a ON a.id = ea.article_id
        WHERE ea.event_id = e.id
            AND COALESCE(a.published_at, a.first_seen_at) >= :since
            AND COALESCE(a.published_at, a.first_seen_at) < :until
    )
GROUP BY e.id, e.title, e.first_published_at, e.last_published_at, e.article_count,
    e.source_count
ORDER BY e.source_count DESC, e.article_count DESC, e.id
LIMIT :max_rows
