-- websub_subscriptions: every WebSub subscription by id with its state, lease, pushes and last
-- error (`wirehouse websub list`).
SELECT
    id,
    state,
    lease_expires_at,
    pushes,
    last_push_at,
    topic_url,
    hub_url,
    last_error
FROM websub_subscriptions
ORDER BY id
