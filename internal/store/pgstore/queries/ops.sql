-- name: AuditInsert :exec
INSERT INTO audit_log (institution_id, actor_user_id, actor_email, action, target, detail, remote_addr, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: AuditList :many
-- Zero filters mean "any"; the caller passes the widest range when there is no bound.
SELECT * FROM audit_log
WHERE (sqlc.narg(institution_id)::text IS NULL OR institution_id = sqlc.narg(institution_id))
  AND (sqlc.narg(actor_user_id)::bigint IS NULL OR actor_user_id = sqlc.narg(actor_user_id))
  AND (@action::text = '' OR action = @action)
  AND created_at >= @since AND created_at < @until
ORDER BY created_at DESC, id DESC
LIMIT @lim;
