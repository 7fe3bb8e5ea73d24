-- feed_export: every feed with its outlet's name and domain, by outlet and URL, as
-- `wirehouse feeds export` writes the feed list (OPML 2.0).
SELECT
    f.url,
    f.title,
    s.name AS source_name,
    s.domain
FROM feeds f
LEFT JOIN sources s ON s.id = f.source_id
ORDER BY s.name, f.url
