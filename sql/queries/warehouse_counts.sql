-- warehouse_counts: one row of counts, what `wirehouse stats` prints (in this order).
SELECT
    (SELECT COUNT(*) FROM sources) AS sources,
    (SELECT COUNT(*) FROM feeds) AS feeds,
    (SELECT COUNT(*) FROM feeds WHERE last_error IS NOT NULL) AS feeds_failing,
    (SELECT COUNT(*) FROM articles) AS articles,
    (SELECT COUNT(*) FROM articles WHERE duplicate_of_id IS NULL) AS originals,
    (SELECT COUNT(*) FROM articles WHERE duplicate_of_id IS NOT NULL) AS duplicates,
    (SELECT COUNT(*) FROM events) AS events,
    (SELECT COUNT(*) FROM events WHERE source_count >= 2) AS events_with_2plus_sources,
    (SELECT COUNT(*) FROM runs) AS runs,
    (SELECT COUNT(*) FROM fetch_log) AS requests_logged,
    (SELECT COUNT(*) FROM quarantine) AS records_quarantined
