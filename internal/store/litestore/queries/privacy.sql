-- What Memora holds about one user, for the user's export (a JSON array of rows per part, the
-- same keys on both engines; secrets and token hashes left out), and the erasure of it all.

-- name: UserDataAccount :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('id', id, 'institution_id', institution_id, 'email', email, 'full_name', full_name, 'avatar_url', avatar_url, 'enabled', json(CASE WHEN enabled THEN 'true' ELSE 'false' END), 'demo', json(CASE WHEN demo THEN 'true' ELSE 'false' END), 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch')) AS r FROM users WHERE id = @user_id ORDER BY id) t;

-- name: UserDataRoles :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('role', role) AS r FROM user_roles WHERE user_id = @user_id ORDER BY role) t;

-- name: UserDataSessions :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'expires_at', strftime('%Y-%m-%dT%H:%M:%fZ', expires_at / 1000000.0, 'unixepoch'), 'last_seen_at', strftime('%Y-%m-%dT%H:%M:%fZ', last_seen_at / 1000000.0, 'unixepoch')) AS r FROM auth_sessions WHERE user_id = @user_id ORDER BY created_at) t;

-- name: UserDataAPIKeys :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('api_key', api_key, 'label', label, 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'expires_at', strftime('%Y-%m-%dT%H:%M:%fZ', expires_at / 1000000.0, 'unixepoch'), 'last_used_at', strftime('%Y-%m-%dT%H:%M:%fZ', last_used_at / 1000000.0, 'unixepoch')) AS r FROM api_keys WHERE user_id = @user_id ORDER BY created_at) t;

-- name: UserDataPasswordResets :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'expires_at', strftime('%Y-%m-%dT%H:%M:%fZ', expires_at / 1000000.0, 'unixepoch'), 'used_at', strftime('%Y-%m-%dT%H:%M:%fZ', used_at / 1000000.0, 'unixepoch')) AS r FROM password_resets WHERE user_id = @user_id ORDER BY created_at) t;

-- name: UserDataPlayerProfile :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('grade_id', grade_id, 'stream_id', stream_id, 'season_id', season_id, 'total_xp', total_xp, 'gems', gems, 'hearts', hearts, 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'updated_at', strftime('%Y-%m-%dT%H:%M:%fZ', updated_at / 1000000.0, 'unixepoch')) AS r FROM player_profiles WHERE user_id = @user_id ORDER BY user_id) t;

-- name: UserDataSubjectScores :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('subject_id', subject_id, 'total_xp', total_xp, 'level', level) AS r FROM player_subject_scores WHERE user_id = @user_id ORDER BY subject_id) t;

-- name: UserDataGameplaySessions :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('id', id, 'client_session_id', client_session_id, 'kind', kind, 'lesson_id', lesson_id, 'subject_id', subject_id, 'topic_id', topic_id, 'season_id', season_id, 'xp_earned', xp_earned, 'score', score, 'local_day', local_day, 'raw_data', json(raw_data), 'response', json(response), 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch')) AS r FROM gameplay_sessions WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataXPLedger :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('subject_id', subject_id, 'source', source, 'ref', ref, 'amount', amount, 'local_day', local_day, 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch')) AS r FROM xp_ledger WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataMemoryStates :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('season_id', season_id, 'question_id', question_id, 'subject_id', subject_id, 'topic_id', topic_id, 'stability', stability, 'difficulty', difficulty, 'state', state, 'step', step, 'level', level, 'due', strftime('%Y-%m-%dT%H:%M:%fZ', due / 1000000.0, 'unixepoch'), 'last_review', strftime('%Y-%m-%dT%H:%M:%fZ', last_review / 1000000.0, 'unixepoch'), 'reps', reps, 'lapses', lapses, 'retired', json(CASE WHEN retired THEN 'true' ELSE 'false' END), 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'updated_at', strftime('%Y-%m-%dT%H:%M:%fZ', updated_at / 1000000.0, 'unixepoch')) AS r FROM memory_state WHERE user_id = @user_id ORDER BY season_id, question_id) t;

-- name: UserDataArchivedMemoryStates :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('season_id', season_id, 'question_id', question_id, 'subject_id', subject_id, 'topic_id', topic_id, 'stability', stability, 'difficulty', difficulty, 'state', state, 'step', step, 'level', level, 'due', strftime('%Y-%m-%dT%H:%M:%fZ', due / 1000000.0, 'unixepoch'), 'last_review', strftime('%Y-%m-%dT%H:%M:%fZ', last_review / 1000000.0, 'unixepoch'), 'reps', reps, 'lapses', lapses, 'retired', json(CASE WHEN retired THEN 'true' ELSE 'false' END), 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'updated_at', strftime('%Y-%m-%dT%H:%M:%fZ', updated_at / 1000000.0, 'unixepoch'), 'archived_at', strftime('%Y-%m-%dT%H:%M:%fZ', archived_at / 1000000.0, 'unixepoch')) AS r FROM archived_memory_state WHERE user_id = @user_id ORDER BY season_id, question_id) t;

-- name: UserDataReviewLog :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('season_id', season_id, 'question_id', question_id, 'session_id', session_id, 'source', source, 'rating', rating, 'correct', json(CASE WHEN correct THEN 'true' ELSE 'false' END), 'duration_ms', duration_ms, 'elapsed_days', elapsed_days, 'state_before', state_before, 'state_after', state_after, 'stability_before', stability_before, 'stability_after', stability_after, 'difficulty_after', difficulty_after, 'due_after', strftime('%Y-%m-%dT%H:%M:%fZ', due_after / 1000000.0, 'unixepoch'), 'reviewed_at', strftime('%Y-%m-%dT%H:%M:%fZ', reviewed_at / 1000000.0, 'unixepoch')) AS r FROM review_log WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataReviewPushes :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('season_id', season_id, 'question_id', question_id, 'pushed_at', strftime('%Y-%m-%dT%H:%M:%fZ', pushed_at / 1000000.0, 'unixepoch')) AS r FROM review_pushes WHERE user_id = @user_id ORDER BY pushed_at, season_id, question_id) t;

-- name: UserDataSRSParameters :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('season_id', season_id, 'version', version, 'weights', weights, 'reviews_used', reviews_used, 'source', source, 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch')) AS r FROM srs_parameters WHERE player_id = @user_id ORDER BY id) t;

-- name: UserDataPurchaseRequests :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('id', id, 'item_id', item_id, 'status', status, 'price_cents', price_cents, 'transaction_id', transaction_id, 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'decided_at', strftime('%Y-%m-%dT%H:%M:%fZ', decided_at / 1000000.0, 'unixepoch')) AS r FROM purchase_requests WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataSubscriptions :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('id', id, 'season_id', season_id, 'type', type, 'status', status, 'purchase_request_id', purchase_request_id, 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch')) AS r FROM subscriptions WHERE user_id = @user_id ORDER BY id) t;

-- name: UserDataAuditEntries :one
SELECT CAST(coalesce(json_group_array(json(r)), '[]') AS TEXT) AS doc FROM (
    SELECT json_object('action', action, 'target', target, 'detail', json(detail), 'created_at', strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000000.0, 'unixepoch'), 'by_them', json(CASE WHEN actor_user_id = @user_id THEN 'true' ELSE 'false' END)) AS r FROM audit_log WHERE actor_user_id = @user_id OR target = @email ORDER BY id) t;

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
    target = CASE WHEN instr(target, @email) > 0 THEN '' ELSE target END,
    detail = CASE WHEN instr(detail, @email) > 0 THEN '{}' ELSE detail END
WHERE actor_user_id = @user_id OR actor_email = @email OR instr(target, @email) > 0 OR instr(detail, @email) > 0;

-- name: UserEraseJoinCodeAuthor :execrows
UPDATE join_codes SET created_by = '' WHERE created_by = @email;

-- name: UserEraseAccount :execrows
DELETE FROM users WHERE id = @user_id;
