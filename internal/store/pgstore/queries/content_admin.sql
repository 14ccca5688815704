-- name: SubjectListAll :many
SELECT * FROM subjects ORDER BY position, created_at, id;

-- name: TrackGet :one
SELECT * FROM tracks WHERE id = $1;

-- name: SubjectDelete :execrows
DELETE FROM subjects WHERE id = $1;

-- name: TrackDelete :execrows
DELETE FROM tracks WHERE id = $1;

-- name: UnitDelete :execrows
DELETE FROM units WHERE id = $1;

-- name: TopicDelete :execrows
DELETE FROM topics WHERE id = $1;

-- name: LessonDelete :execrows
DELETE FROM lessons WHERE id = $1;
