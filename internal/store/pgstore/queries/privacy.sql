-- What Memora holds about one user, for the user's export (a JSON array of rows per part, the
-- same keys on both engines; secrets and token hashes left out), and the erasure of it all.

-- name: UserDataAccount :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT id, institution_id, email, full_name, avatar_url, enabled, demo, created_at FROM users WHERE id = @user_id ORDER BY id) t;

-- name: UserDataRoles :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT role FROM user_roles WHERE user_id = @user_id ORDER BY role) t;

-- name: UserDataSessions :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT created_at, expires_at, last_seen_at FROM auth_sessions WHERE user_id = @user_id ORDER BY created_at) t;

-- name: UserDataAPIKeys :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT api_key, label, created_at, expires_at, last_used_at FROM api_keys WHERE user_id = @user_id ORDER BY created_at) t;

-- name: UserDataPasswordResets :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT created_at, expires_at, used_at FROM password_resets WHERE user_id = @user_id ORDER BY created_at) t;

-- name: UserDataPlayerProfile :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT grade_id, stream_id, season_id, total_xp, gems, hearts, created_at, updated_at FROM player_profiles WHERE user_id = @user_id ORDER BY user_id) t;

-- name: UserDataSubjectScores :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT subject_id, total_xp, level FROM player_subject_scores WHERE user_id = @user_id ORDER BY subject_id) t;

-- name: UserDataGameplaySessions :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT id, client_session_id, kind, lesson_id, subject_id, topic_id, season_id, xp_earned, score, local_day, raw_data, response, created_at FROM gameplay_sessions WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataXPLedger :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT subject_id, source, ref, amount, local_day, created_at FROM xp_ledger WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataMemoryStates :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT season_id, question_id, subject_id, topic_id, stability, difficulty, state, step, level, due, last_review, reps, lapses, retired, created_at, updated_at FROM memory_state WHERE user_id = @user_id ORDER BY season_id, question_id) t;

-- name: UserDataArchivedMemoryStates :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT season_id, question_id, subject_id, topic_id, stability, difficulty, state, step, level, due, last_review, reps, lapses, retired, created_at, updated_at, archived_at FROM archived_memory_state WHERE user_id = @user_id ORDER BY season_id, question_id) t;

-- name: UserDataReviewLog :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT season_id, question_id, session_id, source, rating, correct, duration_ms, elapsed_days, state_before, state_after, stability_before, stability_after, difficulty_after, due_after, reviewed_at FROM review_log WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataReviewPushes :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT season_id, question_id, pushed_at FROM review_pushes WHERE user_id = @user_id ORDER BY pushed_at, season_id, question_id) t;

-- name: UserDataSRSParameters :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT season_id, version, weights, reviews_used, source, created_at FROM srs_parameters WHERE player_id = @user_id ORDER BY id) t;

-- name: UserDataPurchaseRequests :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT id, item_id, status, price_cents, transaction_id, created_at, decided_at FROM purchase_requests WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataSubscriptions :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT id, season_id, type, status, purchase_request_id, created_at FROM subscriptions WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataAuditEntries :one
SELECT coalesce(json_agg(row_to_json(t)), '[]')::text AS doc FROM (
    SELECT action, target, detail, created_at, coalesce(actor_user_id = @user_id, false) AS by_them FROM audit_log WHERE actor_user_id = @user_id OR target = @email ORDER BY id) t;

-- name: UserEraseSubscriptionAccess :execrows
DELETE FROM subscription_access WHERE subscription_id IN (SELECT id FROM subscriptions WHERE user_id = @user_id);

-- name: UserEraseSubscriptions :execrows
DELETE FROM subscriptions WHERE user_id = @user_id;

-- name: UserErasePurchaseRequests :execrows
DELETE FROM purchase_requests WHERE user_id = @user_id;

-- name: UserEraseDecisions :execrows
UPDATE purchase_requests SET decided_by = NULL WHERE decided_by = @user_id;

-- name: UserEraseMemoryStates :execrows
DELETE FROM memory_state WHERE user_id = @user_id;

-- name: UserEraseMemoryLevelCounts :execrows
-- What memory_state's triggers leave once the rows are gone: counts of 0.
DELETE FROM memory_level_counts WHERE user_id = @user_id;

-- name: UserEraseArchivedMemoryStates :execrows
DELETE FROM archived_memory_state WHERE user_id = @user_id;

-- name: UserEraseReviewLog :execrows
DELETE FROM review_log WHERE user_id = @user_id;

-- name: UserEraseReviewPushes :execrows
DELETE FROM review_pushes WHERE user_id = @user_id OR pushed_by = @user_id;

-- name: UserEraseSRSParameters :execrows
DELETE FROM srs_parameters WHERE player_id = @user_id;

-- name: UserEraseXPLedger :execrows
DELETE FROM xp_ledger WHERE user_id = @user_id;

-- name: UserEraseGameplaySessions :execrows
DELETE FROM gameplay_sessions WHERE user_id = @user_id;

-- name: UserEraseSubjectScores :execrows
DELETE FROM player_subject_scores WHERE user_id = @user_id;

-- name: UserErasePlayerProfile :execrows
DELETE FROM player_profiles WHERE user_id = @user_id;

-- name: UserEraseRoles :execrows
DELETE FROM user_roles WHERE user_id = @user_id;

-- name: UserEraseSessions :execrows
DELETE FROM auth_sessions WHERE user_id = @user_id;

-- name: UserEraseAPIKeys :execrows
DELETE FROM api_keys WHERE user_id = @user_id;

-- name: UserErasePasswordResets :execrows
DELETE FROM password_resets WHERE user_id = @user_id;

-- name: UserEraseSafeModePlayers :execrows
DELETE FROM safe_mode_players WHERE user_id = @user_id;

-- name: UserEraseAudit :execrows
-- The entries stay (the trail of what staff did is not the student's to remove) without the
-- user's id (SQLite may give it to a new account), e-mail address or client address: in the
-- actor, the target or the detail.
UPDATE audit_log SET
    actor_user_id = CASE WHEN actor_user_id = @user_id THEN NULL ELSE actor_user_id END,
    actor_email = CASE WHEN actor_user_id = @user_id OR actor_email = @email THEN '' ELSE actor_email END,
    remote_addr = CASE WHEN actor_user_id = @user_id OR actor_email = @email THEN '' ELSE remote_addr END,
    target = CASE WHEN strpos(target, @email) > 0 THEN '' ELSE target END,
    detail = CASE WHEN strpos(detail::text, @email) > 0 THEN '{}'::jsonb ELSE detail END
WHERE actor_user_id = @user_id OR actor_email = @email OR strpos(target, @email) > 0 OR strpos(detail::text, @email) > 0;

-- name: UserEraseJoinCodeAuthor :execrows
UPDATE join_codes SET created_by = '' WHERE created_by = @email;

-- name: UserEraseAccount :execrows
DELETE FROM users WHERE id = @user_id;
