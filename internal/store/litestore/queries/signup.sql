-- Join codes (sign-up), first-party account creation and password resets.

-- name: JoinCodeInsert :exec
INSERT INTO join_codes (code, institution_id, role, expires_at, max_uses, uses, created_by, disabled_at, created_at)
VALUES (@code, @institution_id, @role, @expires_at, @max_uses, 0, @created_by, @disabled_at, @created_at);

-- name: JoinCodeUpsert :exec
INSERT INTO join_codes (code, institution_id, role, expires_at, max_uses, uses, created_by, disabled_at, created_at)
VALUES (@code, @institution_id, @role, @expires_at, @max_uses, 0, @created_by, @disabled_at, @created_at)
ON CONFLICT (code) DO UPDATE SET institution_id = excluded.institution_id, role = excluded.role,
    expires_at = excluded.expires_at, max_uses = excluded.max_uses, created_by = excluded.created_by,
    disabled_at = CASE WHEN excluded.disabled_at IS NULL THEN NULL
                       ELSE coalesce(join_codes.disabled_at, excluded.disabled_at) END;

-- name: JoinCodeGet :one
SELECT * FROM join_codes WHERE code = ?;

-- name: JoinCodeList :many
SELECT * FROM join_codes WHERE institution_id = ? ORDER BY created_at DESC, code;

-- name: JoinCodeDisable :execrows
UPDATE join_codes SET disabled_at = coalesce(disabled_at, @disabled_at) WHERE code = @code;

-- name: JoinCodeUse :execrows
UPDATE join_codes SET uses = uses + 1
WHERE code = @code AND disabled_at IS NULL AND (expires_at IS NULL OR expires_at > @now)
  AND (max_uses IS NULL OR uses < max_uses);

-- name: UserInsert :one
INSERT INTO users (institution_id, email, full_name, avatar_url, enabled, created_at)
VALUES (@institution_id, @email, @full_name, @avatar_url, @enabled, @created_at)
RETURNING *;

-- name: AuthSessionDeleteByUser :execrows
DELETE FROM auth_sessions WHERE user_id = ?;

-- name: PasswordResetInsert :exec
INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?);

-- name: PasswordResetGet :one
SELECT * FROM password_resets WHERE token_hash = ?;

-- name: PasswordResetUse :execrows
UPDATE password_resets SET used_at = @now
WHERE token_hash = @token_hash AND used_at IS NULL AND expires_at > @now;

-- name: PasswordResetSpendByUser :execrows
UPDATE password_resets SET used_at = @now WHERE user_id = @user_id AND used_at IS NULL;

-- name: PasswordResetDeleteExpired :execrows
DELETE FROM password_resets WHERE expires_at <= ?;
