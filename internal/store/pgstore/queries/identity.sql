-- name: InstitutionUpsert :exec
INSERT INTO institutions (id, name, name_en, time_zone) VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, time_zone = excluded.time_zone;

-- name: InstitutionGet :one
SELECT id, name, name_en, time_zone FROM institutions WHERE id = $1;

-- name: InstitutionList :many
SELECT id, name, name_en, time_zone FROM institutions ORDER BY id;

-- name: UserUpsert :one
INSERT INTO users (institution_id, email, full_name, avatar_url, enabled, created_at)
VALUES (@institution_id, @email, @full_name, @avatar_url, @enabled, @created_at)
ON CONFLICT (email) DO UPDATE SET institution_id = excluded.institution_id, full_name = excluded.full_name,
    avatar_url = excluded.avatar_url, enabled = excluded.enabled
RETURNING *;

-- name: UserGet :one
SELECT * FROM users WHERE id = $1;

-- name: UserGetByEmail :one
SELECT * FROM users WHERE email = $1;

-- name: UserSetPassword :execrows
UPDATE users SET password_hash = $1 WHERE id = $2;

-- name: UserSetEnabled :execrows
UPDATE users SET enabled = $1 WHERE id = $2;

-- name: UserCount :one
SELECT count(*) FROM users;

-- name: UserRoleAdd :exec
INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: UserRoleRemove :exec
DELETE FROM user_roles WHERE user_id = $1 AND role = $2;

-- name: UserRoles :many
SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role;

-- name: AuthSessionInsert :exec
INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5);

-- name: AuthSessionGet :one
SELECT * FROM auth_sessions WHERE token_hash = $1;

-- name: AuthSessionTouch :exec
UPDATE auth_sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3;

-- name: AuthSessionDelete :exec
DELETE FROM auth_sessions WHERE token_hash = $1;

-- name: AuthSessionDeleteExpired :execrows
DELETE FROM auth_sessions WHERE expires_at <= $1;

-- name: APIKeyInsert :exec
INSERT INTO api_keys (api_key, user_id, secret_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6);

-- name: APIKeyGet :one
SELECT * FROM api_keys WHERE api_key = $1;

-- name: APIKeyList :many
SELECT * FROM api_keys WHERE user_id = $1 ORDER BY created_at, api_key;

-- name: APIKeyDelete :execrows
DELETE FROM api_keys WHERE api_key = $1 AND user_id = $2;

-- name: APIKeyTouch :exec
UPDATE api_keys SET last_used_at = $1 WHERE api_key = $2;

-- name: UserBumpSessionVersion :execrows
UPDATE users SET session_version = session_version + 1 WHERE id = $1;

-- name: AuthSessionVersion :one
SELECT u.session_version FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1;

-- name: UserSetDemo :execrows
UPDATE users SET demo = $1 WHERE id = $2;
