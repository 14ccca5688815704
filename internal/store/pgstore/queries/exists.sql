-- name: InstitutionExists :one
SELECT EXISTS (SELECT 1 FROM institutions WHERE id = $1);

-- name: StreamExists :one
SELECT EXISTS (SELECT 1 FROM streams WHERE id = $1);

-- name: GradeExists :one
SELECT EXISTS (SELECT 1 FROM grades WHERE id = $1);

-- name: SeasonExists :one
SELECT EXISTS (SELECT 1 FROM seasons WHERE id = $1);

-- name: SubjectExists :one
SELECT EXISTS (SELECT 1 FROM subjects WHERE id = $1);

-- name: TrackExists :one
SELECT EXISTS (SELECT 1 FROM tracks WHERE id = $1);

-- name: UnitExists :one
SELECT EXISTS (SELECT 1 FROM units WHERE id = $1);

-- name: TopicExists :one
SELECT EXISTS (SELECT 1 FROM topics WHERE id = $1);

-- name: LessonExists :one
SELECT EXISTS (SELECT 1 FROM lessons WHERE id = $1);

-- name: StageExists :one
SELECT EXISTS (SELECT 1 FROM stages WHERE id = $1);

-- name: PlanExists :one
SELECT EXISTS (SELECT 1 FROM academic_plans WHERE id = $1);

-- name: SalesItemExists :one
SELECT EXISTS (SELECT 1 FROM sales_items WHERE id = $1);

-- name: UserExists :one
SELECT EXISTS (SELECT 1 FROM users WHERE email = $1);
