-- name: AuditInsert :exec
INSERT INTO audit_log (institution_id, actor_user_id, actor_email, action, target, detail, remote_addr, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: AuditList :many
-- Zero filters mean "any"; the caller passes the widest range when there is no bound.
SELECT * FROM audit_log
WHERE (CAST(sqlc.narg(institution_id) AS TEXT) IS NULL OR institution_id = sqlc.narg(institution_id))
  AND (CAST(sqlc.narg(actor_user_id) AS INTEGER) IS NULL OR actor_user_id = sqlc.narg(actor_user_id))
  AND (CAST(@action AS TEXT) = '' OR action = @action)
  AND created_at >= @since AND created_at < @until
ORDER BY created_at DESC, id DESC
LIMIT @lim;
