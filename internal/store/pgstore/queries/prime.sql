-- name: AuthSessionsRecent :many
-- Start-up priming (app.Prime) reads the recently active students' rows in these few
-- set-based queries instead of one miss per student under the first requests.
-- A session slides its expiry when it is seen (expires_at = last_seen_at + the session
-- TTL), so the latest expiries are the latest seen and the expiry index serves the order.
-- The password hash is not read: priming needs none.
SELECT s.token_hash, s.expires_at, s.last_seen_at, s.created_at, u.id, u.institution_id, u.email, u.full_name,
    u.avatar_url, u.enabled, u.created_at AS user_created_at, u.session_version, u.demo
FROM auth_sessions s
JOIN users u ON u.id = s.user_id
WHERE s.expires_at > @now AND s.last_seen_at >= @since AND u.enabled
ORDER BY s.expires_at DESC
LIMIT @max_rows;

-- name: UserRolesByUsers :many
SELECT user_id, role FROM user_roles WHERE user_id = ANY(@user_ids::bigint[]) ORDER BY user_id, role;

-- name: ProfileListByUsers :many
SELECT * FROM player_profiles WHERE user_id = ANY(@user_ids::bigint[]);

-- name: AccessGrantsActiveByUsers :many
SELECT s.user_id, s.type AS subscription_type, a.type AS access_type, a.subject_id, a.track_id
FROM subscriptions s
JOIN seasons se ON se.id = s.season_id
LEFT JOIN subscription_access a ON a.subscription_id = s.id
WHERE s.user_id = ANY(@user_ids::bigint[]) AND s.status = 'active'
    AND se.start_date <= @day::date AND se.end_date >= @day::date
ORDER BY s.user_id, s.id, a.position;
