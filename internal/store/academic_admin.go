package store

import "context"

// AcademicAdminExecutor holds what staff need of academic plans beyond the map's lookups.
type AcademicAdminExecutor interface {
	// PlanListAll returns every plan with its subjects (two queries), by id.
	PlanListAll(ctx context.Context) ([]Plan, error)
	PlanGet(ctx context.Context, id string) (Plan, error)
	// PlanDelete deletes a plan and its rows; ErrNotFound without one.
	PlanDelete(ctx context.Context, id string) error

	// GradeUsage and StreamUsage count what still names a grade or a stream.
	GradeUsage(ctx context.Context, id string) (AcademicUsage, error)
	StreamUsage(ctx context.Context, id string) (AcademicUsage, error)
	// GradeDelete and StreamDelete delete a grade (with its list of streams) or a stream:
	// ErrNotFound without one, ErrConflict while something still names it.
	GradeDelete(ctx context.Context, id string) error
	StreamDelete(ctx context.Context, id string) error
}

// AcademicUsage is what names a grade or a stream: students (their profile), plans, store
// items and, for a stream, the grades that offer it.
type AcademicUsage struct {
	Students, Plans, Items, Grades int64
}

// Any reports whether anything names it.
func (u AcademicUsage) Any() bool { return u.Students+u.Plans+u.Items+u.Grades > 0 }
