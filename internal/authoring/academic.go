package authoring

import (
	"context"
	"errors"
	"fmt"
	"time"

	"memora/internal/identity"
	"memora/internal/importer"
	"memora/internal/problem"
	"memora/internal/store"
)

// Academic structure: grades and streams are shared by every institution (System
// Managers); seasons are the season service's; plans belong to an institution (or are
// shared: System Managers) and map (grade, stream, season) to subjects.

// Audit actions of the academic structure.
const (
	ActionStreamSaved   = "academic.stream_saved"
	ActionGradeSaved    = "academic.grade_saved"
	ActionStreamDeleted = "academic.stream_deleted"
	ActionGradeDeleted  = "academic.grade_deleted"
	ActionPlanSaved     = "academic.plan_saved"
	ActionPlanDeleted   = "academic.plan_deleted"
)

// StreamView is an academic stream.
type StreamView struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	TitleEn  string `json:"title_en"`
	Position int    `json:"position"`
}

// GradeView is a grade with the streams its students choose from.
type GradeView struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	TitleEn  string   `json:"title_en"`
	Position int      `json:"position"`
	Streams  []string `json:"streams"`
}

// SeasonBrief is a season as plan editors pick it.
type SeasonBrief struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	TitleEn   string `json:"title_en"`
	StartDate string `json:"start_date"`
	EndDate   string `json:"end_date"`
	IsActive  bool   `json:"is_active"`
}

// PlanRow is one subject of a plan.
type PlanRow struct {
	Subject       string  `json:"subject"`
	DisplayName   string  `json:"display_name"`
	IsMandatory   bool    `json:"is_mandatory"`
	SelectionType string  `json:"selection_type"`
	SpecificUnit  *string `json:"specific_unit"`
}

// PlanView is an academic plan with its rows.
type PlanView struct {
	ID          string    `json:"id"`
	Institution *string   `json:"institution"`
	Grade       string    `json:"grade"`
	Stream      *string   `json:"stream"`
	Season      string    `json:"season"`
	UpdatedAt   time.Time `json:"modified"`
	Subjects    []PlanRow `json:"subjects"`
	Editable    bool      `json:"editable"`
}

// Structure is the academic structure a plan editor works with.
type Structure struct {
	Streams []StreamView  `json:"streams"`
	Grades  []GradeView   `json:"grades"`
	Seasons []SeasonBrief `json:"seasons"`
	Plans   []PlanView    `json:"plans"`
}

func planView(p store.Plan, c identity.Caller) PlanView {
	v := PlanView{ID: p.ID, Institution: p.InstitutionID, Grade: p.GradeID, Stream: p.StreamID, Season: p.SeasonID,
		UpdatedAt: p.UpdatedAt, Subjects: []PlanRow{}, Editable: mayChangePlan(c, p) == nil}
	for _, s := range p.Subjects {
		v.Subjects = append(v.Subjects, PlanRow{Subject: s.SubjectID, DisplayName: s.DisplayName, IsMandatory: s.IsMandatory,
			SelectionType: s.SelectionType, SpecificUnit: s.SpecificUnitID})
	}
	return v
}

const (
	msgPlanNotFound   = "Plan not found"
	msgSharedPlan     = "Shared plans can only be changed by a System Manager."
	msgSystemOnly     = "Grades and streams are shared by every institution: only a System Manager changes them."
	msgGradeNotFound  = "Grade {id} not found"
	msgStreamNotFound = "Stream {id} not found"
	msgGradeInUse     = "Grade {id} is in use ({students} students, {plans} plans, {items} store items): move them to another grade first."
	msgAcademicInUse  = "{id} is still in use: remove what names it first."
	msgStreamInUse    = "Stream {id} is in use ({students} students, {plans} plans, {items} store items, {grades} grades): remove it from them first."
)

func mayChangePlan(c identity.Caller, p store.Plan) error {
	switch {
	case c.IsSystemManager():
		return nil
	case p.InstitutionID == nil:
		return problem.ForbiddenMsg(msgSharedPlan)
	case *p.InstitutionID != c.InstitutionID:
		return problem.NotFoundMsg(msgPlanNotFound)
	}
	return nil
}

// AcademicStructure lists streams, grades, seasons and the plans the caller sees: a System
// Manager every plan; anyone else their institution's and the shared ones.
func (s *Service) AcademicStructure(ctx context.Context, c identity.Caller) (Structure, error) {
	out := Structure{Streams: []StreamView{}, Grades: []GradeView{}, Seasons: []SeasonBrief{}, Plans: []PlanView{}}
	streams, err := s.Store.StreamList(ctx)
	if err != nil {
		return Structure{}, fmt.Errorf("academic structure: %w", err)
	}
	for _, x := range streams {
		out.Streams = append(out.Streams, StreamView{ID: x.ID, Title: x.Title, TitleEn: x.TitleEN, Position: x.Position})
	}
	grades, err := s.Store.GradeList(ctx)
	if err != nil {
		return Structure{}, fmt.Errorf("academic structure: %w", err)
	}
	for _, g := range grades {
		v := GradeView{ID: g.ID, Title: g.Title, TitleEn: g.TitleEN, Position: g.Position, Streams: g.ValidStreams}
		if v.Streams == nil {
			v.Streams = []string{}
		}
		out.Grades = append(out.Grades, v)
	}
	seasons, err := s.Store.SeasonList(ctx)
	if err != nil {
		return Structure{}, fmt.Errorf("academic structure: %w", err)
	}
	for _, x := range seasons {
		out.Seasons = append(out.Seasons, SeasonBrief{ID: x.ID, Title: x.Title, TitleEn: x.TitleEN,
			StartDate: x.StartDate.Format(time.DateOnly), EndDate: x.EndDate.Format(time.DateOnly), IsActive: x.IsActive})
	}
	plans, err := s.Store.PlanListAll(ctx)
	if err != nil {
		return Structure{}, fmt.Errorf("academic structure: %w", err)
	}
	for _, p := range plans {
		if c.IsSystemManager() || p.InstitutionID == nil || *p.InstitutionID == c.InstitutionID {
			out.Plans = append(out.Plans, planView(p, c))
		}
	}
	return out, nil
}

// SaveStream creates or replaces a stream (System Managers).
func (s *Service) SaveStream(ctx context.Context, c identity.Caller, in importer.Stream) (StreamView, error) {
	if !c.IsSystemManager() {
		return StreamView{}, problem.ForbiddenMsg(msgSystemOnly)
	}
	if err := validate(ctx, s.Store, importer.File{Streams: []importer.Stream{in}}); err != nil {
		return StreamView{}, err
	}
	row := store.Stream{ID: in.ID, Title: in.Title, TitleEN: in.TitleEn, Position: in.Position}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.StreamUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionStreamSaved, "stream:"+in.ID, nil))
	})
	if err != nil {
		return StreamView{}, saveError("stream", err)
	}
	return StreamView{ID: row.ID, Title: row.Title, TitleEn: row.TitleEN, Position: row.Position}, nil
}

// SaveGrade creates or replaces a grade and its valid streams (System Managers).
func (s *Service) SaveGrade(ctx context.Context, c identity.Caller, in importer.Grade) (GradeView, error) {
	if !c.IsSystemManager() {
		return GradeView{}, problem.ForbiddenMsg(msgSystemOnly)
	}
	if err := validate(ctx, s.Store, importer.File{Grades: []importer.Grade{in}}); err != nil {
		return GradeView{}, err
	}
	row := store.Grade{ID: in.ID, Title: in.Title, TitleEN: in.TitleEn, Position: in.Position, ValidStreams: in.Streams}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.GradeUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionGradeSaved, "grade:"+in.ID, map[string]any{"streams": in.Streams}))
	})
	if err != nil {
		return GradeView{}, saveError("grade", err)
	}
	v := GradeView{ID: row.ID, Title: row.Title, TitleEn: row.TitleEN, Position: row.Position, Streams: row.ValidStreams}
	if v.Streams == nil {
		v.Streams = []string{}
	}
	return v, nil
}

// SavePlan creates or replaces a plan and its rows (the import format's plan, its rules). It
// belongs to the caller's institution; a System Manager may name another, or none (shared).
func (s *Service) SavePlan(ctx context.Context, c identity.Caller, in importer.Plan) (PlanView, error) {
	if in.ID == "" {
		in.ID = newID("plan")
	}
	if in.Institution == "" && !c.IsSystemManager() {
		in.Institution = c.InstitutionID
	}
	if in.Institution != "" && !c.Reaches(in.Institution) {
		return PlanView{}, problem.NotFoundMsg(msgInstitutionNotFound)
	}
	if err := validate(ctx, s.Store, importer.File{Plans: []importer.Plan{in}}); err != nil {
		return PlanView{}, err
	}
	row := store.Plan{ID: in.ID, InstitutionID: opt(in.Institution), GradeID: in.Grade, StreamID: opt(in.Stream),
		SeasonID: in.Season, UpdatedAt: s.Clock.Now(), Subjects: make([]store.PlanSubject, len(in.Subjects))}
	for i, x := range in.Subjects {
		row.Subjects[i] = store.PlanSubject{Position: i, SubjectID: x.Subject, DisplayName: x.DisplayName,
			IsMandatory: x.Mandatory(), SelectionType: x.Selection(), SpecificUnitID: opt(x.SpecificUnit)}
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		old, err := tx.PlanGet(ctx, in.ID)
		switch {
		case err == nil:
			if err := mayChangePlan(c, old); err != nil {
				return err
			}
			if in.Institution == "" { // a System Manager who names none keeps the owner
				row.InstitutionID = old.InstitutionID
			}
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := tx.PlanUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionPlanSaved, "plan:"+in.ID, map[string]int{"subjects": len(row.Subjects)}))
	})
	if err != nil {
		return PlanView{}, saveError("plan", err)
	}
	s.changed()
	return planView(row, c), nil
}

// DeletePlan deletes a plan the caller may change, with its rows.
func (s *Service) DeletePlan(ctx context.Context, c identity.Caller, id string) error {
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		p, err := tx.PlanGet(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return problem.NotFoundMsg(msgPlanNotFound)
		}
		if err != nil {
			return err
		}
		if err := mayChangePlan(c, p); err != nil {
			return err
		}
		if err := tx.PlanDelete(ctx, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionPlanDeleted, "plan:"+id, nil))
	})
	if _, ok := problem.As(err); !ok && err != nil {
		return fmt.Errorf("delete plan %s: %w", id, err)
	}
	if err == nil {
		s.changed()
	}
	return err
}

// DeleteGrade deletes a grade nothing names any more (System Managers): a grade of students,
// plans or store items is refused (a conflict that says what still names it).
func (s *Service) DeleteGrade(ctx context.Context, c identity.Caller, id string) error {
	return s.deleteAcademic(ctx, c, "grade", id)
}

// DeleteStream deletes a stream nothing names any more (System Managers): a stream of
// students, plans, store items or grades is refused.
func (s *Service) DeleteStream(ctx context.Context, c identity.Caller, id string) error {
	return s.deleteAcademic(ctx, c, "stream", id)
}

func (s *Service) deleteAcademic(ctx context.Context, c identity.Caller, kind, id string) error {
	if !c.IsSystemManager() {
		return problem.ForbiddenMsg(msgSystemOnly)
	}
	usage, del, action, notFound, inUse := store.Executor.GradeUsage, store.Executor.GradeDelete, ActionGradeDeleted,
		msgGradeNotFound, msgGradeInUse
	if kind == "stream" {
		usage, del, action, notFound, inUse = store.Executor.StreamUsage, store.Executor.StreamDelete, ActionStreamDeleted,
			msgStreamNotFound, msgStreamInUse
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		u, err := usage(tx, ctx, id)
		if err != nil {
			return err
		}
		if u.Any() {
			return problem.Newf(problem.Conflict, inUse, "id", id, "students", u.Students, "plans", u.Plans,
				"items", u.Items, "grades", u.Grades)
		}
		if err := del(tx, ctx, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(action, kind+":"+id, nil))
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return problem.Newf(problem.NotFound, notFound, "id", id)
	case errors.Is(err, store.ErrConflict):
		return problem.Newf(problem.Conflict, msgAcademicInUse, "id", id) // named by a row written meanwhile
	}
	if _, ok := problem.As(err); !ok && err != nil {
		return fmt.Errorf("delete %s %s: %w", kind, id, err)
	}
	if err == nil {
		s.changed()
	}
	return err
}
