-- feed_health: one row per feed (ordered by feed id) with its last fetch outcome, failure streak,
-- last success, next scheduled fetch and a state ('inactive', 'never_fetched', 'failing' or
-- 'ok'). A failing feed is in back-off until next_fetch_at: in_backoff says whether that time
-- is still ahead (runs skip it until then). articles_7d counts the articles of the feed's source
-- first seen in the last 7 days (feeds of one source share the figure: articles are attributed
-- to sources, not to feeds).
WITH recent AS (
    SELECT source_id, COUNT(*) AS articles_7d
    FROM articles
    WHERE first_seen_at >= {{ days_ago(7) }}
    GROUP BY source_id
)
SELECT
    f.id AS feed_id,
    f.url,
    f.title,
    f.source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    f.active,
    f.last_status,
    f.last_error,
    f.consecutive_failures,
    f.last_fetched_at,
    f.last_success_at,
    f.next_fetch_at,
    f.entry_count,
    COALESCE(r.articles_7d, 0) AS articles_7d,
    CASE
        WHEN NOT f.active THEN 'inactive'
        WHEN f.last_fetched_at IS NULL THEN 'never_fetched'
        WHEN f.consecutive_failures > 0 OR f.last_error IS NOT NULL THEN 'failing'
        ELSE 'ok'
    END AS state,
    CASE
        WHEN f.active AND f.next_fetch_at > {{ now() }} THEN TRUE
        ELSE FALSE
    END AS in_backoff
FROM feeds AS f
LEFT JOIN sources AS s ON s.id = f.source_id
LEFT JOIN recent AS r ON r.source_id = f.source_id
ORDER BY f.id
