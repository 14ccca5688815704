-- name: SubjectListAll :many
SELECT * FROM subjects ORDER BY position, created_at, id;

-- name: TrackGet :one
SELECT * FROM tracks WHERE id = ?;

-- name: SubjectDelete :execrows
DELETE FROM subjects WHERE id = ?;

-- name: TrackDelete :execrows
DELETE FROM tracks WHERE id = ?;

-- name: UnitDelete :execrows
DELETE FROM units WHERE id = ?;

-- name: TopicDelete :execrows
DELETE FROM topics WHERE id = ?;

-- name: LessonDelete :execrows
DELETE FROM lessons WHERE id = ?;
