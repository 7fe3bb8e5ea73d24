-- event_timeline: one row per UTC day with the articles published that day (an article without a
-- publication date counts on the day it was first seen), how many were originals and duplicates,
-- how many events had an article that day and how many events began that day; ordered by day.
WITH article_days AS (
    SELECT {{ utc_day(COALESCE(a.published_at, a.first_seen_at)) }} AS day, a.duplicate_of_id, ea.event_id
    FROM articles AS a
    LEFT JOIN event_articles AS ea ON ea.article_id = a.id
),
per_day AS (
    SELECT
        day,
        COUNT(*) AS articles,
        SUM(CASE WHEN duplicate_of_id IS NULL THEN 1 ELSE 0 END) AS unique_articles,
        COUNT(DISTINCT event_id) AS active_events
    FROM article_days
    GROUP BY day
),
new_events AS (
    SELECT {{ utc_day(first_published_at) }} AS day, COUNT(*) AS new_events
    FROM events
    WHERE first_published_at IS NOT NULL
    GROUP BY 1
),
days AS (
    SELECT day FROM per_day
    UNION
    SELECT day FROM new_events
)
SELECT
    d.day,
    COALESCE(p.articles, 0) AS articles,
    COALESCE(p.unique_articles, 0) AS unique_articles,
    COALESCE(p.articles, 0) - COALESCE(p.unique_articles, 0) AS duplicates,
    COALESCE(p.active_events, 0) AS active_events,
    COALESCE(n.new_events, 0) AS new_events
FROM days AS d
LEFT JOIN per_day AS p ON p.day = d.day
LEFT JOIN new_events AS n ON n.day = d.day
ORDER BY d.day
