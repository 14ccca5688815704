-- name: UserListByInstitution :many
SELECT * FROM users
WHERE institution_id = @institution_id
  AND (@search = '' OR instr(lower(email), lower(@search)) > 0 OR instr(lower(full_name), lower(@search)) > 0)
ORDER BY email
LIMIT @lim;

-- name: UserRolesByInstitution :many
SELECT ur.user_id, ur.role FROM user_roles ur JOIN users u ON u.id = ur.user_id
WHERE u.institution_id = ?
ORDER BY ur.user_id, ur.role;

-- name: InstitutionSettingsGet :one
SELECT id, name, name_en, time_zone, logo_url, currency, payment_note, payment_note_en FROM institutions WHERE id = ?;

-- name: InstitutionSettingsUpdate :execrows
UPDATE institutions SET name = @name, name_en = @name_en, time_zone = @time_zone, logo_url = @logo_url,
    currency = @currency, payment_note = @payment_note, payment_note_en = @payment_note_en
WHERE id = @id;
