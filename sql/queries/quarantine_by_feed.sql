-- quarantine_by_feed: how many quarantined records each feed has (feed_id NULL for records of
-- no feed, such as pages of WARC files).
SELECT feed_id, COUNT(*) AS records
FROM quarantine
GROUP BY feed_id
