-- sources_covering_person: which outlets covered a person, most articles first. The person is
-- matched on the display name or the normalized key, case-insensitively ('Angela Merkel' or
-- 'person:angela merkel'; a surname alone matches only where no full name was found). Only
-- articles published (or, undated, first seen) at or after `since` count.
-- Parameters: person (name or key), since (UTC timestamp).
SELECT
    n.id AS entity_id,
    n.name AS person,
    s.id AS source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    COUNT(*) AS articles,
    SUM(CASE WHEN ae.in_title THEN 1 ELSE 0 END) AS title_articles,
    SUM(ae.mentions) AS mentions,
    MIN(COALESCE(a.published_at, a.first_seen_at)) AS first_mentioned_at,
    MAX(COALESCE(a.published_at, a.first_seen_at)) AS last_mentioned_at
FROM entities AS n
JOIN article_entities AS ae ON ae.entity_id = n.id
JOIN articles AS a ON a.id = ae.article_id
JOIN sources AS s ON s.id = a.source_id
WHERE n.kind = 'person'
    AND (LOWER(n.name) = LOWER(:person) OR n.key = LOWER(:person))
    AND COALESCE(a.published_at, a.first_seen_at) >= :since
GROUP BY n.id, n.name, s.id, s.name, s.domain
ORDER BY articles DESC, s.id
