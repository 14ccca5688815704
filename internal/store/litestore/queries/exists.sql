-- name: InstitutionExists :one
SELECT EXISTS (SELECT 1 FROM institutions WHERE id = ?);

-- name: StreamExists :one
SELECT EXISTS (SELECT 1 FROM streams WHERE id = ?);

-- name: GradeExists :one
SELECT EXISTS (SELECT 1 FROM grades WHERE id = ?);

-- name: SeasonExists :one
SELECT EXISTS (SELECT 1 FROM seasons WHERE id = ?);

-- name: SubjectExists :one
SELECT EXISTS (SELECT 1 FROM subjects WHERE id = ?);

-- name: TrackExists :one
SELECT EXISTS (SELECT 1 FROM tracks WHERE id = ?);

-- name: UnitExists :one
SELECT EXISTS (SELECT 1 FROM units WHERE id = ?);

-- name: TopicExists :one
SELECT EXISTS (SELECT 1 FROM topics WHERE id = ?);

-- name: LessonExists :one
SELECT EXISTS (SELECT 1 FROM lessons WHERE id = ?);

-- name: StageExists :one
SELECT EXISTS (SELECT 1 FROM stages WHERE id = ?);

-- name: PlanExists :one
SELECT EXISTS (SELECT 1 FROM academic_plans WHERE id = ?);

-- name: SalesItemExists :one
SELECT EXISTS (SELECT 1 FROM sales_items WHERE id = ?);

-- name: UserExists :one
SELECT EXISTS (SELECT 1 FROM users WHERE email = ?);
