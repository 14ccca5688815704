-- Seasons, archival and the memory-state scans of reconciliation and cache rebuilds.
-- Memory keys are walked as (user_id, season_id, question_id) tuples: the primary key's
-- order, so every page is an index range, never a sort of the table.

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
UPDATE seasons SET archived_at = @archived_at, auto_archive = FALSE WHERE id = @id;

-- name: SeasonPushesDelete :execrows
-- A teacher's pushes of an archived season's items, dropped with the archive.
DELETE FROM review_pushes WHERE season_id = @season_id;

-- name: SeasonListAutoArchiveDue :many
SELECT * FROM seasons WHERE auto_archive AND NOT is_active AND end_date < @today ORDER BY end_date, id;

-- name: MemorySeasonCount :one
SELECT count(*) FROM memory_state WHERE season_id = $1;

-- name: ArchiveCounts :one
SELECT count(*) AS archived, count(*) FILTER (WHERE eligible_for_deletion) AS eligible
FROM archived_memory_state WHERE season_id = $1;

-- name: ArchiveFlagEligible :execrows
UPDATE archived_memory_state SET eligible_for_deletion = TRUE
WHERE archived_at < @cutoff AND NOT eligible_for_deletion;

-- name: ArchiveDeleteEligible :execrows
DELETE FROM archived_memory_state
WHERE (user_id, season_id, question_id) IN (
    SELECT a.user_id, a.season_id, a.question_id FROM archived_memory_state a
    WHERE a.eligible_for_deletion AND (@season_id::text = '' OR a.season_id = @season_id)
    LIMIT @lim);

-- name: MemoryArchiveBatch :execrows
-- Moves up to lim rows of a season that sit in the default partition (a season without a
-- partition of its own) into the archive.
WITH moved AS (
    DELETE FROM memory_state m
    WHERE (m.user_id, m.season_id, m.question_id) IN (
        SELECT s.user_id, s.season_id, s.question_id FROM memory_state s WHERE s.season_id = @season_id LIMIT @lim)
    RETURNING m.user_id, m.season_id, m.question_id, m.subject_id, m.topic_id, m.stability, m.difficulty,
        m.state, m.step, m.level, m.due, m.last_review, m.reps, m.lapses, m.retired, m.created_at, m.updated_at)
INSERT INTO archived_memory_state (user_id, season_id, question_id, subject_id, topic_id, stability, difficulty,
    state, step, level, due, last_review, reps, lapses, retired, created_at, updated_at, archived_at,
    eligible_for_deletion)
SELECT user_id, season_id, question_id, subject_id, topic_id, stability, difficulty, state, step, level, due,
    last_review, reps, lapses, retired, created_at, updated_at, @archived_at::timestamptz, FALSE
FROM moved
ON CONFLICT (user_id, season_id, question_id) DO UPDATE SET subject_id = excluded.subject_id,
    topic_id = excluded.topic_id, stability = excluded.stability, difficulty = excluded.difficulty,
    state = excluded.state, step = excluded.step, level = excluded.level, due = excluded.due,
    last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
    retired = excluded.retired, created_at = excluded.created_at, updated_at = excluded.updated_at,
    archived_at = excluded.archived_at, eligible_for_deletion = FALSE;

-- name: MemorySeasonPage :many
SELECT user_id, season_id, question_id, due FROM memory_state
WHERE season_id = @season_id AND NOT retired
  AND (user_id, season_id, question_id) > (@after_user_id::bigint, @season_id, @after_question_id::text)
ORDER BY user_id, season_id, question_id
LIMIT @lim;

-- name: MemoryCountUpTo :one
SELECT count(*) FROM (
    SELECT 1 FROM memory_state
    WHERE season_id = ANY(@season_ids::text[]) AND NOT retired AND updated_at <= @updated_before
    LIMIT @lim) AS t;

-- name: MemoryUserRange :one
SELECT coalesce(min(user_id), 0)::bigint AS lo, coalesce(max(user_id), 0)::bigint AS hi
FROM memory_state WHERE season_id = ANY(@season_ids::text[]);

-- name: MemorySample :many
SELECT user_id, season_id, question_id, due FROM memory_state
WHERE season_id = ANY(@season_ids::text[]) AND user_id >= @from_user_id
  AND (@until_user_id::bigint <= 0 OR user_id < @until_user_id)
  AND NOT retired AND updated_at <= @updated_before
ORDER BY user_id, season_id, question_id
LIMIT @lim;

-- name: AlertInsert :one
INSERT INTO admin_alerts (institution_id, kind, message, detail, created_at)
VALUES (@institution_id, @kind, @message, @detail, @created_at)
RETURNING id;

-- name: AlertGet :one
SELECT * FROM admin_alerts WHERE id = $1;

-- name: AlertList :many
SELECT * FROM admin_alerts
WHERE @include_acknowledged::boolean OR acknowledged_at IS NULL
ORDER BY created_at DESC, id DESC
LIMIT @lim;

-- name: AlertAcknowledge :execrows
UPDATE admin_alerts SET acknowledged_at = @acknowledged_at WHERE id = @id AND acknowledged_at IS NULL;

-- name: RebuildInsert :one
INSERT INTO cache_rebuilds (season_id, status, total, processed, users, last_key, error, started_at, finished_at)
VALUES (@season_id, @status, @total, @processed, @users, @last_key, @error, @started_at, @finished_at)
RETURNING id;

-- name: RebuildGet :one
SELECT * FROM cache_rebuilds WHERE id = $1;

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
WHERE r.role = $1 AND u.enabled
ORDER BY u.email;
