-- name: UserListByInstitution :many
SELECT * FROM users
WHERE institution_id = @institution_id
  AND (@search::text = '' OR strpos(lower(email), lower(@search::text)) > 0
       OR strpos(lower(full_name), lower(@search::text)) > 0)
ORDER BY email
LIMIT @lim;

-- name: UserRolesByInstitution :many
SELECT ur.user_id, ur.role FROM user_roles ur JOIN users u ON u.id = ur.user_id
WHERE u.institution_id = $1
ORDER BY ur.user_id, ur.role;

-- name: InstitutionSettingsGet :one
SELECT id, name, name_en, time_zone, logo_url, currency, payment_note, payment_note_en FROM institutions WHERE id = $1;

-- name: InstitutionSettingsUpdate :execrows
UPDATE institutions SET name = @name, name_en = @name_en, time_zone = @time_zone, logo_url = @logo_url,
    currency = @currency, payment_note = @payment_note, payment_note_en = @payment_note_en
WHERE id = @id;
