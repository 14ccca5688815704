-- name: InstitutionUpsert :exec
INSERT INTO institutions (id, name, name_en, time_zone) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, time_zone = excluded.time_zone;

-- name: InstitutionGet :one
SELECT id, name, name_en, time_zone FROM institutions WHERE id = ?;

-- name: InstitutionList :many
SELECT id, name, name_en, time_zone FROM institutions ORDER BY id;

-- name: UserUpsert :one
INSERT INTO users (institution_id, email, full_name, avatar_url, enabled, created_at)
VALUES (@institution_id, @email, @full_name, @avatar_url, @enabled, @created_at)
ON CONFLICT (email) DO UPDATE SET institution_id = excluded.institution_id, full_name = excluded.full_name,
    avatar_url = excluded.avatar_url, enabled = excluded.enabled
RETURNING *;

-- name: UserGet :one
SELECT * FROM users WHERE id = ?;

-- name: UserGetByEmail :one
SELECT * FROM users WHERE email = ?;

-- name: UserSetPassword :execrows
UPDATE users SET password_hash = ? WHERE id = ?;

-- name: UserSetEnabled :execrows
UPDATE users SET enabled = ? WHERE id = ?;

-- name: UserCount :one
SELECT count(*) FROM users;

-- name: UserRoleAdd :exec
INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING;

-- name: UserRoleRemove :exec
DELETE FROM user_roles WHERE user_id = ? AND role = ?;

-- name: UserRoles :many
SELECT role FROM user_roles WHERE user_id = ? ORDER BY role;

-- name: AuthSessionInsert :exec
INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?);

-- name: AuthSessionGet :one
SELECT * FROM auth_sessions WHERE token_hash = ?;

-- name: AuthSessionTouch :exec
UPDATE auth_sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?;

-- name: AuthSessionDelete :exec
DELETE FROM auth_sessions WHERE token_hash = ?;

-- name: AuthSessionDeleteExpired :execrows
DELETE FROM auth_sessions WHERE expires_at <= ?;

-- name: APIKeyInsert :exec
INSERT INTO api_keys (api_key, user_id, secret_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?);

-- name: APIKeyGet :one
SELECT * FROM api_keys WHERE api_key = ?;

-- name: APIKeyList :many
SELECT * FROM api_keys WHERE user_id = ? ORDER BY created_at, api_key;

-- name: APIKeyDelete :execrows
DELETE FROM api_keys WHERE api_key = ? AND user_id = ?;

-- name: APIKeyTouch :exec
UPDATE api_keys SET last_used_at = ? WHERE api_key = ?;

-- name: UserBumpSessionVersion :execrows
UPDATE users SET session_version = session_version + 1 WHERE id = ?;

-- name: AuthSessionVersion :one
SELECT u.session_version FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?;

-- name: UserSetDemo :execrows
UPDATE users SET demo = ? WHERE id = ?;
