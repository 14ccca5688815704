package pgstore

import (
	"context"
	"fmt"
)

// Exists reports whether a row of kind (an import entity kind) with that id exists.
func (e executor) Exists(ctx context.Context, kind, id string) (bool, error) {
	var (
		ok  bool
		err error
	)
	switch kind {
	case "institution":
		ok, err = e.q.InstitutionExists(ctx, id)
	case "stream":
		ok, err = e.q.StreamExists(ctx, id)
	case "grade":
		ok, err = e.q.GradeExists(ctx, id)
	case "season":
		ok, err = e.q.SeasonExists(ctx, id)
	case "subject":
		ok, err = e.q.SubjectExists(ctx, id)
	case "track":
		ok, err = e.q.TrackExists(ctx, id)
	case "unit":
		ok, err = e.q.UnitExists(ctx, id)
	case "topic":
		ok, err = e.q.TopicExists(ctx, id)
	case "lesson":
		ok, err = e.q.LessonExists(ctx, id)
	case "stage":
		ok, err = e.q.StageExists(ctx, id)
	case "plan":
		ok, err = e.q.PlanExists(ctx, id)
	case "sales_item":
		ok, err = e.q.SalesItemExists(ctx, id)
	case "user":
		ok, err = e.q.UserExists(ctx, id)
	default:
		return false, fmt.Errorf("exists: unknown kind %q", kind)
	}
	return ok, wrap("exists "+kind, err)
}
