-- syndication_share: how much of each outlet's output is copied from another outlet, and how
-- often others copy it. Over articles first seen at or after `since`: articles, originals, syndicated
-- (duplicates of another source's article), self-duplicates (of its own article),
-- syndication_share = syndicated / articles, and copied_by_others = duplicates elsewhere of its
-- originals. Parameter: since (UTC timestamp).
WITH recent AS (
    SELECT a.id, a.source_id, a.duplicate_of_id, o.source_id AS original_source_id
    FROM articles AS a
    LEFT JOIN articles AS o ON o.id = a.duplicate_of_id
    WHERE a.first_seen_at >= :since AND a.source_id IS NOT NULL
),
per_source AS (
    SELECT
        source_id,
        COUNT(*) AS articles,
        SUM(CASE WHEN duplicate_of_id IS NULL THEN 1 ELSE 0 END) AS originals,
        SUM(CASE WHEN original_source_id <> source_id THEN 1 ELSE 0 END) AS syndicated,
        SUM(CASE WHEN original_source_id = source_id THEN 1 ELSE 0 END) AS self_duplicates
    FROM recent
    GROUP BY source_id
),
copied AS (
    SELECT original_source_id AS source_id, COUNT(*) AS copied_by_others
    FROM recent
    WHERE original_source_id <> source_id
    GROUP BY original_source_id
)
SELECT
    s.id AS source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    COALESCE(p.articles, 0) AS articles,
    COALESCE(p.originals, 0) AS originals,
    COALESCE(p.syndicated, 0) AS syndicated,
    COALESCE(p.self_duplicates, 0) AS self_duplicates,
    CASE WHEN p.articles > 0 THEN CAST(p.syndicated AS FLOAT) / p.articles ELSE 0 END
        AS syndication_share,
    COALESCE(c.copied_by_others, 0) AS copied_by_others
FROM sources AS s
LEFT JOIN per_source AS p ON p.source_id = s.id
LEFT JOIN copied AS c ON c.source_id = s.id
WHERE p.source_id IS NOT NULL OR c.source_id IS NOT NULL
ORDER BY syndication_share DESC, articles DESC, s.name
