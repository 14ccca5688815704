package litestore

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
		ok, err = e.r.InstitutionExists(ctx, id)
	case "stream":
		ok, err = e.r.StreamExists(ctx, id)
	case "grade":
		ok, err = e.r.GradeExists(ctx, id)
	case "season":
		ok, err = e.r.SeasonExists(ctx, id)
	case "subject":
		ok, err = e.r.SubjectExists(ctx, id)
	case "track":
		ok, err = e.r.TrackExists(ctx, id)
	case "unit":
		ok, err = e.r.UnitExists(ctx, id)
	case "topic":
		ok, err = e.r.TopicExists(ctx, id)
	case "lesson":
		ok, err = e.r.LessonExists(ctx, id)
	case "stage":
		ok, err = e.r.StageExists(ctx, id)
	case "plan":
		ok, err = e.r.PlanExists(ctx, id)
	case "sales_item":
		ok, err = e.r.SalesItemExists(ctx, id)
	case "user":
		ok, err = e.r.UserExists(ctx, id)
	default:
		return false, fmt.Errorf("exists: unknown kind %q", kind)
	}
	return ok, wrap("exists "+kind, err)
}
