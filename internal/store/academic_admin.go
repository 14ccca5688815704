package store

import "context"

// AcademicAdminExecutor holds what staff need of academic plans beyond the map's lookups.
type AcademicAdminExecutor interface {
	// PlanListAll returns every plan with its subjects (two queries), by id.
	PlanListAll(ctx context.Context) ([]Plan, error)
	PlanGet(ctx context.Context, id string) (Plan, error)
	// PlanDelete deletes a plan and its rows; ErrNotFound without one.
	PlanDelete(ctx context.Context, id string) error
}
