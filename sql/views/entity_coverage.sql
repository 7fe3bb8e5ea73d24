-- entity_coverage: which outlets name which entities, one row per entity and source: the
-- articles (duplicates included: a syndicated copy is coverage by the outlet that ran it) and
-- events of that source naming the entity, how many of those articles name it in the title,
-- on how many distinct UTC days, and the first and last time (publication, else first seen).
-- Articles with no source row are not attributed. Ordered by entity, articles (most first),
-- then source id.
SELECT
    n.id AS entity_id,
    n.kind,
    n.name,
    n.key,
    n.country_code,
    a.source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    COUNT(*) AS articles,
    SUM(CASE WHEN ae.in_title THEN 1 ELSE 0 END) AS title_articles,
    COUNT(DISTINCT ea.event_id) AS events,
    COUNT(DISTINCT {{ utc_day(COALESCE(a.published_at, a.first_seen_at)) }}) AS days,
    MIN(COALESCE(a.published_at, a.first_seen_at)) AS first_mentioned_at,
    MAX(COALESCE(a.published_at, a.first_seen_at)) AS last_mentioned_at
FROM article_entities AS ae
JOIN entities AS n ON n.id = ae.entity_id
JOIN articles AS a ON a.id = ae.article_id
JOIN sources AS s ON s.id = a.source_id
LEFT JOIN event_articles AS ea ON ea.article_id = a.id
GROUP BY n.id, n.kind, n.name, n.key, n.country_code, a.source_id, s.name, s.domain
ORDER BY n.id, articles DESC, a.source_id
