-- feed_list: every feed by URL with its fetch state (`wirehouse feeds list`; the view
-- feed_health adds each source's recent articles).
SELECT
    id,
    url,
    active,
    last_status,
    last_error,
    consecutive_failures,
    last_fetched_at,
    next_fetch_at
FROM feeds
ORDER BY url
