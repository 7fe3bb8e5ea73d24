-- run_lease: the run lease's row (none while no run holds it), whose it is and until when
-- (`wirehouse lease`).
SELECT run_id, kind, host, pid, holder, acquired_at, expires_at
FROM run_lease
WHERE name = 'ingest'
