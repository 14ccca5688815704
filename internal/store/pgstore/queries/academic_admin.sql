-- name: PlanListAll :many
SELECT * FROM academic_plans ORDER BY id;

-- name: PlanSubjectsAll :many
SELECT * FROM plan_subjects ORDER BY plan_id, position;

-- name: PlanGet :one
SELECT * FROM academic_plans WHERE id = $1;

-- name: PlanDelete :execrows
DELETE FROM academic_plans WHERE id = $1;
