-- event_who_where: who and where of each event, one row per event and entity it names (people,
-- organisations, places), with how many of the event's articles name the entity, their share
-- of the event's articles, and the event's time span in hours (exact on both engines). Places
-- carry their ISO 3166-1 country and, for cities, coordinates. Ordered by event, then the
-- entities most of its articles name, then entity id.
SELECT
    e.id AS event_id,
    e.title AS event_title,
    e.first_published_at,
    e.last_published_at,
    {{ hours_between(e.last_published_at, e.first_published_at) }} AS span_hours,
    n.id AS entity_id,
    n.kind,
    n.name,
    n.key,
    n.country_code,
    n.lat,
    n.lon,
    ee.articles,
    e.article_count AS event_articles,
    CAST(ee.articles AS FLOAT) / CASE WHEN e.article_count > 0 THEN e.article_count ELSE 1 END
        AS article_share
FROM event_entities AS ee
JOIN events AS e ON e.id = ee.event_id
JOIN entities AS n ON n.id = ee.entity_id
ORDER BY e.id, ee.articles DESC, n.id
