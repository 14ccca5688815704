package web

import (
	"net/http"
	"slices"
	"strings"

	"memora/internal/authoring"
	"memora/internal/importer"
)

// deskPlans is the academic plans screen: which subjects the students of a grade (and stream)
// see in a season. A plan's subjects are chosen with checkboxes; the rows a plan already has
// keep their display names and unit choices. Its deskNames holds only the subjects: the plans
// name their grades, streams and seasons from Structure.
type deskPlans struct {
	Structure authoring.Structure
	deskNames
	Done      string
	Error     string
	ErrorPlan string // the plan the error is about ("new" for the new-plan form)
}

// Checked reports whether plan lists subject, for the checkboxes.
func (deskPlans) Checked(p authoring.PlanView, subject string) bool {
	return slices.ContainsFunc(p.Subjects, func(r authoring.PlanRow) bool { return r.Subject == subject })
}

// PlanName names a plan by the titles of its grade, stream (when it has one) and season in the
// page's language, an id only for one that is gone: the plans' headings showed the ids
// ("tawjihi · scientific · SEASON-2026") while the new-plan form offers the titles.
func (p deskPlans) PlanName(l Localizer, plan authoring.PlanView) []string {
	out := []string{named(l, p.Structure.Grades, plan.Grade,
		func(g authoring.GradeView) (string, string, string) { return g.ID, g.Title, g.TitleEn })}
	if plan.Stream != nil {
		out = append(out, named(l, p.Structure.Streams, *plan.Stream,
			func(s authoring.StreamView) (string, string, string) { return s.ID, s.Title, s.TitleEn }))
	}
	return append(out, named(l, p.Structure.Seasons, plan.Season,
		func(s authoring.SeasonBrief) (string, string, string) { return s.ID, s.Title, s.TitleEn }))
}

// PlanTitle is PlanName as one string, for the plan's delete confirmation.
func (p deskPlans) PlanTitle(l Localizer, plan authoring.PlanView) string {
	return strings.Join(p.PlanName(l, plan), l.T("list.sep"))
}

func (d *desk) plans(rw http.ResponseWriter, r *http.Request) {
	d.plansPage(rw, r, http.StatusOK, deskPlans{Done: d.flash(r, "plan_saved", "plan_deleted")})
}

func (d *desk) plansPage(rw http.ResponseWriter, r *http.Request, status int, page deskPlans) {
	var err error
	if page.Structure, err = d.Authoring.AcademicStructure(r.Context(), callerOf(r)); err != nil {
		d.fail(rw, r, "plans", err)
		return
	}
	if page.Subjects, err = d.Authoring.Subjects(r.Context(), callerOf(r)); err != nil {
		d.fail(rw, r, "plans", err)
		return
	}
	d.show(rw, r, status, "plans", "desk.plans.title", "desk_plans", page)
}

// planSave creates a plan or replaces an existing one's subjects.
func (d *desk) planSave(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		d.fail(rw, r, "plans", err)
		return
	}
	id := strings.TrimSpace(r.PostFormValue("plan"))
	in := importer.Plan{ID: id, Grade: r.PostFormValue("grade"), Stream: r.PostFormValue("stream"), Season: r.PostFormValue("season")}
	var old *authoring.PlanView
	if id != "" {
		st, err := d.Authoring.AcademicStructure(r.Context(), callerOf(r))
		if err != nil {
			d.fail(rw, r, "plans", err)
			return
		}
		for i := range st.Plans {
			if st.Plans[i].ID == id {
				old = &st.Plans[i]
			}
		}
		if old == nil {
			d.notFoundPage(rw, r)
			return
		}
		in.Grade, in.Season = old.Grade, old.Season
		if old.Stream != nil {
			in.Stream = *old.Stream
		}
		if old.Institution != nil {
			in.Institution = *old.Institution
		}
	}
	chosen := r.PostForm["subject"]
	if old != nil {
		for _, row := range old.Subjects { // kept rows keep their details, in their order
			if slices.Contains(chosen, row.Subject) {
				mandatory := row.IsMandatory
				ps := importer.PlanSubject{Subject: row.Subject, DisplayName: row.DisplayName, IsMandatory: &mandatory, SelectionType: row.SelectionType}
				if row.SpecificUnit != nil {
					ps.SpecificUnit = *row.SpecificUnit
				}
				in.Subjects = append(in.Subjects, ps)
			}
		}
	}
	for _, s := range chosen {
		if !slices.ContainsFunc(in.Subjects, func(p importer.PlanSubject) bool { return p.Subject == s }) {
			in.Subjects = append(in.Subjects, importer.PlanSubject{Subject: s})
		}
	}
	if in.Subjects == nil {
		in.Subjects = []importer.PlanSubject{}
	}
	if _, err := d.Authoring.SavePlan(r.Context(), callerOf(r), in); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		which := id
		if which == "" {
			which = "new"
		}
		d.plansPage(rw, r, status, deskPlans{Error: msg, ErrorPlan: which})
		return
	}
	http.Redirect(rw, r, "/app/plans?done=plan_saved", http.StatusSeeOther)
}

// planDelete deletes a plan confirmed on its page.
func (d *desk) planDelete(rw http.ResponseWriter, r *http.Request) {
	var err error
	if !confirmed(r, r.PathValue("id")) {
		err = d.notConfirmed(r)
	} else {
		err = d.Authoring.DeletePlan(r.Context(), callerOf(r), r.PathValue("id"))
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.plansPage(rw, r, status, deskPlans{Error: msg, ErrorPlan: r.PathValue("id")})
		return
	}
	http.Redirect(rw, r, "/app/plans?done=plan_deleted", http.StatusSeeOther)
}
