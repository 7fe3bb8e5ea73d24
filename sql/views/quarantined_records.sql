-- Records that failed to load and were moved to the dead-letter table, with their feed:
-- retry them with `wirehouse reprocess --quarantined`.
SELECT
    q.id,
    q.kind,
    q.url,
    q.feed_id,
    f.url AS feed_url,
    q.error,
    q.attempts,
    q.first_failed_at,
    q.last_failed_at,
    q.run_id
FROM quarantine AS q
LEFT JOIN feeds AS f ON f.id = q.feed_id
ORDER BY q.id
