-- Seasons, archival and the memory-state scans of reconciliation and cache rebuilds.
-- Memory keys are walked as (user_id, season_id, question_id) row values: the primary
-- key's order, so every page is an index range, never a sort of the table. Lists of ids
-- travel as JSON arrays (json_each).

-- name: SeasonInsert :exec
INSERT INTO seasons (id, title, title_en, start_date, end_date, is_active, enable_redis, auto_archive,
    scheduler, desired_retention, grade_mapping, fsrs_weights, created_at, exam_date, exam_target)
VALUES (@id, @title, @title_en, @start_date, @end_date, @is_active, @enable_redis, @auto_archive,
    @scheduler, @desired_retention, @grade_mapping, @fsrs_weights, @created_at, @exam_date, @exam_target);

-- name: SeasonActivate :execrows
-- One statement, so there is never a moment with two active seasons; nothing changes when
-- the id does not exist.
UPDATE seasons SET is_active = (seasons.id = @id)
WHERE (seasons.is_active OR seasons.id = @id) AND EXISTS (SELECT 1 FROM seasons s WHERE s.id = @id);

-- name: SeasonSetPartitionCreated :execrows
UPDATE seasons SET partition_created = @created WHERE id = @id;

-- name: SeasonMarkArchived :execrows
UPDATE seasons SET archived_at = @archived_at, auto_archive = 0 WHERE id = @id;

-- name: SeasonPushesDelete :execrows
-- A teacher's pushes of an archived season's items, dropped with the archive.
DELETE FROM review_pushes WHERE season_id = @season_id;

-- name: SeasonListAutoArchiveDue :many
SELECT * FROM seasons WHERE auto_archive AND NOT is_active AND end_date < @today ORDER BY end_date, id;

-- name: MemorySeasonCount :one
SELECT count(*) FROM memory_state WHERE season_id = ?;

-- name: ArchiveCounts :one
SELECT count(*) AS archived, CAST(coalesce(sum(eligible_for_deletion), 0) AS INTEGER) AS eligible
FROM archived_memory_state WHERE season_id = ?;

-- name: ArchiveFlagEligible :execrows
UPDATE archived_memory_state SET eligible_for_deletion = 1
WHERE archived_at < @cutoff AND NOT eligible_for_deletion;

-- name: ArchiveDeleteEligible :execrows
DELETE FROM archived_memory_state
WHERE rowid IN (
    SELECT a.rowid FROM archived_memory_state a
    WHERE a.eligible_for_deletion AND (CAST(@season_id AS TEXT) = '' OR a.season_id = @season_id)
    LIMIT @lim);

-- name: MemoryArchiveBatchEnd :many
-- The last key of the next batch of a season's rows after the cursor (none when fewer
-- than offset+1 rows remain).
SELECT user_id, question_id FROM memory_state
WHERE season_id = @season_id
  AND (user_id, season_id, question_id) > (CAST(@after_user_id AS INTEGER), @season_id, CAST(@after_question_id AS TEXT))
ORDER BY user_id, season_id, question_id
LIMIT 1 OFFSET @skip;

-- name: MemoryArchiveCopy :execrows
INSERT INTO archived_memory_state (user_id, season_id, question_id, subject_id, topic_id, stability, difficulty,
    state, step, level, due, last_review, reps, lapses, retired, created_at, updated_at, archived_at,
    eligible_for_deletion)
SELECT user_id, season_id, question_id, subject_id, topic_id, stability, difficulty, state, step, level, due,
    last_review, reps, lapses, retired, created_at, updated_at, CAST(@archived_at AS INTEGER), 0
FROM memory_state m
WHERE m.season_id = @season_id
  AND (m.user_id, m.season_id, m.question_id) > (CAST(@after_user_id AS INTEGER), @season_id, CAST(@after_question_id AS TEXT))
  AND (m.user_id, m.season_id, m.question_id) <= (CAST(@upto_user_id AS INTEGER), @season_id, CAST(@upto_question_id AS TEXT))
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET subject_id = excluded.subject_id,
    topic_id = excluded.topic_id, stability = excluded.stability, difficulty = excluded.difficulty,
    state = excluded.state, step = excluded.step, level = excluded.level, due = excluded.due,
    last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
    retired = excluded.retired, created_at = excluded.created_at, updated_at = excluded.updated_at,
    archived_at = excluded.archived_at, eligible_for_deletion = 0;

-- name: MemoryArchiveDelete :execrows
DELETE FROM memory_state
WHERE season_id = @season_id
  AND (user_id, season_id, question_id) > (CAST(@after_user_id AS INTEGER), @season_id, CAST(@after_question_id AS TEXT))
  AND (user_id, season_id, question_id) <= (CAST(@upto_user_id AS INTEGER), @season_id, CAST(@upto_question_id AS TEXT));

-- name: MemorySeasonPage :many
SELECT user_id, season_id, question_id, due FROM memory_state
WHERE season_id = @season_id AND NOT retired
  AND (user_id, season_id, question_id) > (CAST(@after_user_id AS INTEGER), @season_id, CAST(@after_question_id AS TEXT))
ORDER BY user_id, season_id, question_id
LIMIT @lim;

-- name: MemoryCountUpTo :one
SELECT count(*) FROM (
    SELECT 1 FROM memory_state
    WHERE season_id IN (SELECT value FROM json_each(@season_ids)) AND NOT retired AND updated_at <= @updated_before
    LIMIT @lim) AS t;

-- name: MemoryUserRange :one
-- Both ends walk the primary key from one side and stop at the first row of the seasons
-- (min/max with this filter would scan the table).
SELECT CAST(coalesce((SELECT a.user_id FROM memory_state a WHERE a.season_id IN (SELECT value FROM json_each(@season_ids))
        ORDER BY a.user_id LIMIT 1), 0) AS INTEGER) AS lo,
    CAST(coalesce((SELECT b.user_id FROM memory_state b WHERE b.season_id IN (SELECT value FROM json_each(@season_ids))
        ORDER BY b.user_id DESC LIMIT 1), 0) AS INTEGER) AS hi;

-- name: MemorySample :many
SELECT user_id, season_id, question_id, due FROM memory_state
WHERE season_id IN (SELECT value FROM json_each(@season_ids)) AND user_id >= @from_user_id
  AND (CAST(@until_user_id AS INTEGER) <= 0 OR user_id < @until_user_id)
  AND NOT retired AND updated_at <= @updated_before
ORDER BY user_id, season_id, question_id
LIMIT @lim;

-- name: AlertInsert :one
INSERT INTO admin_alerts (institution_id, kind, message, detail, created_at)
VALUES (@institution_id, @kind, @message, @detail, @created_at)
RETURNING id;

-- name: AlertGet :one
SELECT * FROM admin_alerts WHERE id = ?;

-- name: AlertList :many
SELECT * FROM admin_alerts
WHERE CAST(@include_acknowledged AS BOOLEAN) OR acknowledged_at IS NULL
ORDER BY created_at DESC, id DESC
LIMIT @lim;

-- name: AlertAcknowledge :execrows
UPDATE admin_alerts SET acknowledged_at = @acknowledged_at WHERE id = @id AND acknowledged_at IS NULL;

-- name: RebuildInsert :one
INSERT INTO cache_rebuilds (season_id, status, total, processed, users, last_key, error, started_at, finished_at)
VALUES (@season_id, @status, @total, @processed, @users, @last_key, @error, @started_at, @finished_at)
RETURNING id;

-- name: RebuildGet :one
SELECT * FROM cache_rebuilds WHERE id = ?;

-- name: RebuildUpdate :execrows
UPDATE cache_rebuilds SET status = @status, total = @total, processed = @processed, users = @users,
    last_key = @last_key, error = @error, finished_at = @finished_at
WHERE id = @id;

-- name: RebuildLatest :many
SELECT * FROM cache_rebuilds
WHERE id IN (SELECT max(c.id) FROM cache_rebuilds c GROUP BY c.season_id)
ORDER BY season_id;

-- name: UserEmailsWithRole :many
SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
WHERE r.role = ? AND u.enabled
ORDER BY u.email;
