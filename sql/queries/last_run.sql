-- last_run: the run that started last (no row before the first run), with its status and, for
-- a failed run, its error.
SELECT id, status, started_at, finished_at, error
FROM runs
ORDER BY started_at DESC, id DESC
LIMIT 1
