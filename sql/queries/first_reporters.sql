-- first_reporters: which outlets break stories first. For every source, over the events covered
-- by at least `min_sources` sources: how many it covered, how often it was first (ties count for
-- each tied source), its share of firsts, and its mean lag in hours when it was not first.
-- Built on the event_coverage view. Parameter: min_sources (e.g. 2).
SELECT
    source_id,
    source_name,
    source_domain,
    COUNT(*) AS events_covered,
    SUM(CASE WHEN reporter_rank = 1 THEN 1 ELSE 0 END) AS times_first,
    CAST(SUM(CASE WHEN reporter_rank = 1 THEN 1 ELSE 0 END) AS FLOAT) / COUNT(*) AS first_share,
    AVG(CASE WHEN reporter_rank > 1 THEN lag_hours END) AS mean_lag_hours_when_later
FROM event_coverage
WHERE source_count >= :min_sources
GROUP BY source_id, source_name, source_domain
ORDER BY times_first DESC, first_share DESC, source_name
