-- quiet_feeds: active feeds whose source has published before but has had no new article since
-- `quiet_since`, most silent first. last_status, consecutive_failures and last_error tell a broken
-- feed (failing fetches) from an outlet that simply stopped (fetches fine, nothing new).
-- Parameter: quiet_since (UTC timestamp, e.g. three days ago).
WITH source_activity AS (
    SELECT source_id, COUNT(*) AS articles_total, MAX(first_seen_at) AS last_article_seen_at
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
    sa.last_article_seen_at,
    f.last_status,
    f.consecutive_failures,
    f.last_success_at,
    f.last_error
FROM feeds AS f
JOIN sources AS s ON s.id = f.source_id
JOIN source_activity AS sa ON sa.source_id = f.source_id
WHERE f.active AND sa.last_article_seen_at < :quiet_since
ORDER BY sa.last_article_seen_at, f.url
