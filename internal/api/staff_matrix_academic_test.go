package api_test

import (
	"context"

	"memora/internal/store"
)

// The matrix cases of the academic structure.
func init() {
	addCases(map[string]matrixCase{
		"academic.get_structure": {global: true, params: none},
		"academic.save_stream": {global: true, params: func(f *fixture, _ string) map[string]any {
			return map[string]any{"doc": map[string]any{"id": "m-stream-" + f.next(), "title": "Stream"}}
		}},
		"academic.save_grade": {global: true, params: func(f *fixture, _ string) map[string]any {
			return map[string]any{"doc": map[string]any{"id": "m-grade-" + f.next(), "title": "Grade"}}
		}},
		"academic.save_plan": {params: func(f *fixture, inst string) map[string]any {
			p := f.plan(inst)
			return map[string]any{"doc": map[string]any{"id": p.ID, "institution": inst, "grade": p.GradeID, "season": p.SeasonID,
				"subjects": []any{map[string]any{"subject": p.Subjects[0].SubjectID, "display_name": "Renamed"}}}}
		}},
		"academic.delete_plan": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"plan": f.plan(inst).ID}
		}},
	})
}

// plan makes a plan of inst with one subject of inst.
func (f *fixture) plan(inst string) store.Plan {
	ctx := context.Background()
	must(f.t, f.env.Store.GradeUpsert(ctx, store.Grade{ID: "m-grade", Title: "G"}))
	p := store.Plan{ID: "m-plan-" + f.next(), InstitutionID: &inst, GradeID: "m-grade", SeasonID: f.season(),
		UpdatedAt: f.env.Clock.Now(), Subjects: []store.PlanSubject{{SubjectID: f.tree(inst).Subject, DisplayName: "S",
			IsMandatory: true, SelectionType: store.SelectAllUnits}}}
	must(f.t, f.env.Store.PlanUpsert(ctx, p))
	return p
}

// The matrix case of "run now".
func init() {
	addCases(map[string]matrixCase{
		"jobs.run_now": {global: true, params: func(*fixture, string) map[string]any { return map[string]any{"job": "retention"} }},
	})
}

// The matrix cases of the class view.
func init() {
	addCases(map[string]matrixCase{
		"teaching.get_class": {params: func(_ *fixture, inst string) map[string]any { return map[string]any{"institution": inst} }},
		"teaching.get_student": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"user_id": f.user(inst).ID}
		}},
	})
}
