-- quiet_feeds: active feeds whose source has published before but nothing since `quiet_since`,
-- most silent first. An article's time is its publication time (or, undated, the time it was
-- first seen), so a backlog loaded today does not make a silent outlet look active;
-- last_published_at is the newest such time, last_article_seen_at when the newest article was
-- first seen. last_status, consecutive_failures and last_error tell a broken feed (failing
-- fetches) from an outlet that simply stopped (fetches fine, nothing new).
-- Parameter: quiet_since (UTC timestamp, e.g. three days ago).
WITH source_activity AS (
    SELECT
        source_id,
        COUNT(*) AS articles_total,
        MAX(COALESCE(published_at, first_seen_at)) AS last_published_at,
        MAX(first_seen_at) AS last_article_seen_at
    FROM articles
    WHERE source_id IS NOT NULL
    GROUP BY source_id
)
SELECT
    f.id AS feed_id,
    f.url,
    f.title,
    s.name AS source_name,
    sa.articles_total,
    sa.last_published_at,
    sa.last_article_seen_at,
    f.last_status,
    f.consecutive_failures,
    f.last_success_at,
    f.last_error
FROM feeds AS f
JOIN sources AS s ON s.id = f.source_id
JOIN source_activity AS sa ON sa.source_id = f.source_id
WHERE f.active AND sa.last_published_at < :quiet_since
ORDER BY sa.last_published_at, f.url
