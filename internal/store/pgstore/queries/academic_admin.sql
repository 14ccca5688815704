-- name: PlanListAll :many
SELECT * FROM academic_plans ORDER BY id;

-- name: PlanSubjectsAll :many
SELECT * FROM plan_subjects ORDER BY plan_id, position;

-- name: PlanGet :one
SELECT * FROM academic_plans WHERE id = $1;

-- name: PlanDelete :execrows
DELETE FROM academic_plans WHERE id = $1;

-- name: GradeUsage :one
SELECT (SELECT count(*) FROM player_profiles p WHERE p.grade_id = @id::text) AS students,
    (SELECT count(*) FROM academic_plans a WHERE a.grade_id = @id::text) AS plans,
    (SELECT count(*) FROM sales_items i WHERE i.target_grade_id = @id::text) AS items,
    0::bigint AS grades;

-- name: StreamUsage :one
SELECT (SELECT count(*) FROM player_profiles p WHERE p.stream_id = @id::text) AS students,
    (SELECT count(*) FROM academic_plans a WHERE a.stream_id = @id::text) AS plans,
    (SELECT count(*) FROM sales_item_streams s WHERE s.stream_id = @id::text) AS items,
    (SELECT count(*) FROM grade_streams g WHERE g.stream_id = @id::text) AS grades;

-- name: GradeDelete :execrows
DELETE FROM grades WHERE id = $1;

-- name: StreamDelete :execrows
DELETE FROM streams WHERE id = $1;
