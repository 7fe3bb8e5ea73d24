-- source_daily: per source and UTC day (ordered so), the articles published (or, undated, first
-- seen), how many of them were duplicates of another article, and how many fetch requests to the
-- source failed: fetch_failures counts requests whose last attempt failed (an error or an HTTP
-- status >= 400; a request retried three times and failing counts once, one that succeeded on a
-- retry not at all), failed_attempts every failed attempt including retries. A robots.txt that
-- answers 4xx is no failure (it means "no rules"), nor is a request never sent because a deadline
-- had passed (its error starts "skipped:"). A feed request is attributed to the feed's
-- source, any other request to the source whose domain is the URL's.
WITH article_counts AS (
    SELECT
        a.source_id,
        {{ utc_day(COALESCE(a.published_at, a.first_seen_at)) }} AS day,
        COUNT(*) AS articles,
        SUM(CASE WHEN a.duplicate_of_id IS NOT NULL THEN 1 ELSE 0 END) AS duplicates
    FROM articles AS a
    WHERE a.source_id IS NOT NULL
    GROUP BY 1, 2
),
failed_attempts AS (
    SELECT
        COALESCE(fd.source_id, sd.id) AS source_id,
        {{ utc_day(f.fetched_at) }} AS day,
        CASE
            WHEN EXISTS (
                SELECT 1
                FROM fetch_log AS retry
                WHERE retry.run_id = f.run_id
                  AND retry.url = f.url
                  AND retry.kind = f.kind
                  AND retry.attempt = f.attempt + 1
            ) THEN 0
            ELSE 1
        END AS last_attempt
    FROM fetch_log AS f
    LEFT JOIN feeds AS fd ON fd.url = f.url AND f.kind = 'feed'
    LEFT JOIN sources AS sd ON sd.domain = f.domain
    WHERE (f.error IS NOT NULL OR f.status_code >= 400)
      AND (f.error IS NULL OR substr(f.error, 1, 8) <> 'skipped:')
      AND NOT (f.kind = 'robots' AND f.error IS NULL AND f.status_code BETWEEN 400 AND 499)
      AND COALESCE(fd.source_id, sd.id) IS NOT NULL
),
failure_counts AS (
    SELECT
        source_id,
        day,
        SUM(last_attempt) AS fetch_failures,
        COUNT(*) AS failed_attempts
    FROM failed_attempts
    GROUP BY source_id, day
),
keys AS (
    SELECT source_id, day FROM article_counts
    UNION
    SELECT source_id, day FROM failure_counts
)
SELECT
    k.source_id,
    s.name AS source_name,
    s.domain AS source_domain,
    k.day,
    COALESCE(ac.articles, 0) AS articles,
    COALESCE(ac.duplicates, 0) AS duplicates,
    COALESCE(fc.fetch_failures, 0) AS fetch_failures,
    COALESCE(fc.failed_attempts, 0) AS failed_attempts
FROM keys AS k
JOIN sources AS s ON s.id = k.source_id
LEFT JOIN article_counts AS ac ON ac.source_id = k.source_id AND ac.day = k.day
LEFT JOIN failure_counts AS fc ON fc.source_id = k.source_id AND fc.day = k.day
ORDER BY k.source_id, k.day
