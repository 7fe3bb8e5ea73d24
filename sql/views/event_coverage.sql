-- event_coverage: one row per event and source that covered it: when the source first published
-- on the event (publication time, else first-seen time), its rank among the event's sources
-- (1 = first reporter; ties share a rank), and its lag behind the first reporter in hours.
-- Duplicates (syndicated copies) count as coverage by the outlet that ran them. lag_hours is
-- exact to the millisecond on both engines. Ordered by event, rank, then source id.
WITH per_source AS (
    SELECT
        ea.event_id,
        a.source_id,
        MIN(COALESCE(a.published_at, a.first_seen_at)) AS first_published_at,
        COUNT(*) AS articles,
        SUM(CASE WHEN a.duplicate_of_id IS NULL THEN 1 ELSE 0 END) AS original_articles
    FROM event_articles AS ea
    JOIN articles AS a ON a.id = ea.article_id
    WHERE a.source_id IS NOT NULL
    GROUP BY ea.event_id, a.source_id
),
ranked AS (
    SELECT
        per_source.*,
        RANK() OVER (PARTITION BY event_id ORDER BY first_published_at) AS reporter_rank,
        COUNT(*) OVER (PARTITION BY event_id) AS source_count
    FROM per_source
),
event_first AS (
    SELECT event_id, MIN(first_published_at) AS first_published_at
    FROM per_source
    GROUP BY event_id
)
SELECT
    sf.event_id,
    e.title AS event_title,
    sf.source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    sf.source_count,
    sf.articles,
    sf.original_articles,
    sf.first_published_at,
    sf.reporter_rank,
    {{ hours_between(sf.first_published_at, ef.first_published_at) }} AS lag_hours
FROM ranked AS sf
JOIN event_first AS ef ON ef.event_id = sf.event_id
JOIN events AS e ON e.id = sf.event_id
JOIN sources AS s ON s.id = sf.source_id
ORDER BY sf.event_id, sf.reporter_rank, sf.source_id
