package pgstore

import (
	"context"
	"fmt"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func planRow(r pgdb.AcademicPlan) store.Plan {
	return store.Plan{ID: r.ID, InstitutionID: r.InstitutionID, GradeID: r.GradeID, StreamID: r.StreamID,
		SeasonID: r.SeasonID, UpdatedAt: r.UpdatedAt, Subjects: []store.PlanSubject{}}
}

func planSubjectRow(s pgdb.PlanSubject) store.PlanSubject {
	return store.PlanSubject{Position: int(s.Position), SubjectID: s.SubjectID, DisplayName: s.DisplayName,
		IsMandatory: s.IsMandatory, SelectionType: s.SelectionType, SpecificUnitID: s.SpecificUnitID}
}

func (e executor) PlanListAll(ctx context.Context) ([]store.Plan, error) {
	rows, err := e.q.PlanListAll(ctx)
	if err != nil {
		return nil, wrap("plan list all", err)
	}
	subjects, err := e.q.PlanSubjectsAll(ctx)
	if err != nil {
		return nil, wrap("plan subjects all", err)
	}
	index := make(map[string]int, len(rows))
	out := make([]store.Plan, len(rows))
	for i, r := range rows {
		out[i] = planRow(r)
		index[r.ID] = i
	}
	for _, s := range subjects {
		if i, ok := index[s.PlanID]; ok {
			out[i].Subjects = append(out[i].Subjects, planSubjectRow(s))
		}
	}
	return out, nil
}

func (e executor) PlanGet(ctx context.Context, id string) (store.Plan, error) {
	r, err := e.q.PlanGet(ctx, id)
	if err != nil {
		return store.Plan{}, wrap("plan get", err)
	}
	p := planRow(r)
	rows, err := e.q.PlanSubjects(ctx, id)
	if err != nil {
		return store.Plan{}, wrap("plan subjects", err)
	}
	for _, s := range rows {
		p.Subjects = append(p.Subjects, planSubjectRow(s))
	}
	return p, nil
}

func (e executor) PlanDelete(ctx context.Context, id string) error {
	n, err := e.q.PlanDelete(ctx, id)
	if err != nil {
		return wrap("plan delete", err)
	}
	if n == 0 {
		return fmt.Errorf("plan delete %s: %w", id, store.ErrNotFound)
	}
	return nil
}

func (e executor) GradeUsage(ctx context.Context, id string) (store.AcademicUsage, error) {
	r, err := e.q.GradeUsage(ctx, id)
	if err != nil {
		return store.AcademicUsage{}, wrap("grade usage", err)
	}
	return store.AcademicUsage{Students: r.Students, Plans: r.Plans, Items: r.Items, Grades: r.Grades}, nil
}

func (e executor) StreamUsage(ctx context.Context, id string) (store.AcademicUsage, error) {
	r, err := e.q.StreamUsage(ctx, id)
	if err != nil {
		return store.AcademicUsage{}, wrap("stream usage", err)
	}
	return store.AcademicUsage{Students: r.Students, Plans: r.Plans, Items: r.Items, Grades: r.Grades}, nil
}

func (e executor) GradeDelete(ctx context.Context, id string) error {
	return e.academicDelete(ctx, "grade", id, func(q *pgdb.Queries) (int64, error) { return q.GradeDelete(ctx, id) })
}

func (e executor) StreamDelete(ctx context.Context, id string) error {
	return e.academicDelete(ctx, "stream", id, func(q *pgdb.Queries) (int64, error) { return q.StreamDelete(ctx, id) })
}

// academicDelete runs a grade's or a stream's delete: a row still named elsewhere is a conflict.
func (e executor) academicDelete(ctx context.Context, kind, id string, del func(q *pgdb.Queries) (int64, error)) error {
	var n int64
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		var err error
		n, err = del(q)
		return err
	})
	switch {
	case err != nil && isForeignKey(err):
		return fmt.Errorf("%s delete %s: %w: %v", kind, id, store.ErrConflict, err)
	case err != nil:
		return wrap(kind+" delete", err)
	case n == 0:
		return fmt.Errorf("%s delete %s: %w", kind, id, store.ErrNotFound)
	}
	return nil
}
