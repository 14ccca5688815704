-- name: StreamUpsert :exec
INSERT INTO streams (id, title, title_en, position) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en, position = excluded.position;

-- name: StreamList :many
SELECT id, title, title_en, position FROM streams ORDER BY position, created_at, id;

-- name: GradeUpsert :exec
INSERT INTO grades (id, title, title_en, position) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en, position = excluded.position;

-- name: GradeStreamsDelete :exec
DELETE FROM grade_streams WHERE grade_id = ?;

-- name: GradeStreamInsert :exec
INSERT INTO grade_streams (grade_id, stream_id, position) VALUES (?, ?, ?);

-- name: GradeGet :one
SELECT id, title, title_en, position FROM grades WHERE id = ?;

-- name: GradeList :many
SELECT id, title, title_en, position FROM grades ORDER BY position, created_at, id;

-- name: GradeStreamsAll :many
SELECT grade_id, stream_id FROM grade_streams ORDER BY grade_id, position, stream_id;

-- name: GradeStreamsByGrade :many
SELECT stream_id FROM grade_streams WHERE grade_id = ? ORDER BY position, stream_id;

-- name: AcademicTitles :many
-- The titles of the grades among grade_ids and of the streams among stream_ids (JSON arrays), in one read.
SELECT CAST('grade' AS TEXT) AS kind, id, title, title_en FROM grades WHERE id IN (SELECT value FROM json_each(@grade_ids))
UNION ALL
SELECT CAST('stream' AS TEXT) AS kind, id, title, title_en FROM streams WHERE id IN (SELECT value FROM json_each(@stream_ids));

-- name: SeasonUpsert :exec
INSERT INTO seasons (id, title, title_en, start_date, end_date, is_active, enable_redis, auto_archive,
    scheduler, desired_retention, grade_mapping, fsrs_weights, created_at, exam_date, exam_target)
VALUES (@id, @title, @title_en, @start_date, @end_date, @is_active, @enable_redis, @auto_archive,
    @scheduler, @desired_retention, @grade_mapping, @fsrs_weights, @created_at, @exam_date, @exam_target)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en,
    start_date = excluded.start_date, end_date = excluded.end_date, is_active = excluded.is_active,
    enable_redis = excluded.enable_redis, auto_archive = excluded.auto_archive, scheduler = excluded.scheduler,
    desired_retention = excluded.desired_retention, grade_mapping = excluded.grade_mapping,
    fsrs_weights = excluded.fsrs_weights, exam_date = excluded.exam_date, exam_target = excluded.exam_target;

-- name: SeasonGet :one
SELECT * FROM seasons WHERE id = ?;

-- name: SeasonList :many
SELECT * FROM seasons ORDER BY start_date DESC, created_at DESC, id DESC;

-- name: PlanUpsert :exec
INSERT INTO academic_plans (id, institution_id, grade_id, stream_id, season_id, updated_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET institution_id = excluded.institution_id, grade_id = excluded.grade_id,
    stream_id = excluded.stream_id, season_id = excluded.season_id, updated_at = excluded.updated_at;

-- name: PlanSubjectsDelete :exec
DELETE FROM plan_subjects WHERE plan_id = ?;

-- name: PlanSubjectInsert :exec
INSERT INTO plan_subjects (plan_id, position, subject_id, display_name, is_mandatory, selection_type, specific_unit_id)
VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: PlanFind :one
SELECT * FROM academic_plans
WHERE grade_id = @grade_id AND season_id = @season_id
  AND coalesce(stream_id, '') = coalesce(sqlc.narg(stream_id), '')
  AND (institution_id IS NULL OR institution_id = @institution_id)
ORDER BY institution_id IS NULL, id
LIMIT 1;

-- name: PlanSubjects :many
SELECT * FROM plan_subjects WHERE plan_id = ? ORDER BY position;

-- name: PlanGradeSeasons :many
SELECT DISTINCT p.grade_id, p.season_id, s.created_at FROM academic_plans p JOIN seasons s ON s.id = p.season_id
WHERE p.institution_id IS NULL OR p.institution_id = ?
ORDER BY p.grade_id, s.created_at DESC, p.season_id DESC;
