package web

import (
	"net/http"
	"slices"
	"strings"

	"memora/internal/authoring"
	"memora/internal/importer"
)

// The grades and streams screen (System Managers: they are shared by every institution): list,
// create, rename (and a grade's streams), delete. A grade or stream that students, plans,
// store items (or, for a stream, grades) still name is refused, and the page says what names it.

type deskGrades struct {
	Streams []authoring.StreamView
	Grades  []authoring.GradeView
	Done    string
	Error   string
	// NewStream and NewGrade are the new-entry forms as typed after a refusal.
	NewStream academicForm
	NewGrade  academicForm
}

// academicForm is a grade's or a stream's form.
type academicForm struct {
	ID, Title, TitleEn string
	Streams            []string
}

// Offers reports whether grade g offers stream s, for the checkboxes.
func (deskGrades) Offers(g authoring.GradeView, s string) bool { return slices.Contains(g.Streams, s) }

// StreamName is a stream's title in the page's language, for the streams a grade offers (they
// showed as ids: "scientific", "literary"); its id when it is gone.
func (p deskGrades) StreamName(l Localizer, id string) string {
	return named(l, p.Streams, id, func(s authoring.StreamView) (string, string, string) { return s.ID, s.Title, s.TitleEn })
}

// Chosen reports whether the new-grade form had stream s ticked.
func (f academicForm) Chosen(s string) bool { return slices.Contains(f.Streams, s) }

func (d *desk) grades(rw http.ResponseWriter, r *http.Request) {
	d.gradesPage(rw, r, http.StatusOK, deskGrades{Done: d.flash(r, "stream_saved", "stream_deleted", "grade_saved", "grade_deleted")})
}

func (d *desk) gradesPage(rw http.ResponseWriter, r *http.Request, status int, page deskGrades) {
	st, err := d.Authoring.AcademicStructure(r.Context(), callerOf(r))
	if err != nil {
		d.fail(rw, r, "grades", err)
		return
	}
	page.Streams, page.Grades = st.Streams, st.Grades
	d.show(rw, r, status, "grades", "desk.grades.title", "desk_grades", page)
}

// gradeSave creates a grade or a stream, or renames one (a grade's streams are saved with it);
// a refusal is shown on the page with the form as typed.
func (d *desk) gradeSave(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		d.fail(rw, r, "grades", err)
		return
	}
	kind := r.PathValue("kind")
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := academicForm{ID: v("id"), Title: v("title"), TitleEn: v("title_en"), Streams: r.PostForm["stream"]}
	st, err := d.Authoring.AcademicStructure(r.Context(), callerOf(r))
	if err != nil {
		d.fail(rw, r, "grades", err)
		return
	}
	var done string
	switch kind {
	case "streams":
		pos := make(map[string]int, len(st.Streams))
		for _, x := range st.Streams {
			pos[x.ID] = x.Position
		}
		in := importer.Stream{ID: f.ID, Title: f.Title, TitleEn: f.TitleEn, Position: positionOf(pos, f.ID)}
		_, err = d.Authoring.SaveStream(r.Context(), callerOf(r), in)
		done = "stream_saved"
	case "grades":
		pos := make(map[string]int, len(st.Grades))
		for _, x := range st.Grades {
			pos[x.ID] = x.Position
		}
		in := importer.Grade{ID: f.ID, Title: f.Title, TitleEn: f.TitleEn, Position: positionOf(pos, f.ID), Streams: f.Streams}
		_, err = d.Authoring.SaveGrade(r.Context(), callerOf(r), in)
		done = "grade_saved"
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page := deskGrades{Error: msg}
		if r.PostFormValue("existing") == "" { // a new entry's form keeps what was typed
			if kind == "streams" {
				page.NewStream = f
			} else {
				page.NewGrade = f
			}
		}
		d.gradesPage(rw, r, status, page)
		return
	}
	http.Redirect(rw, r, "/app/grades?done="+done+"#"+strings.TrimSuffix(kind, "s")+"-"+f.ID, http.StatusSeeOther)
}

// positionOf is an entry's place: its own when it exists, else after the last one.
func positionOf(positions map[string]int, id string) int {
	if p, ok := positions[id]; ok {
		return p
	}
	last := 0
	for _, p := range positions {
		last = max(last, p)
	}
	return last + 1
}

// gradeDelete deletes a grade or a stream; one still in use is refused on the page, saying
// what names it.
func (d *desk) gradeDelete(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var err error
	var done string
	switch r.PathValue("kind") {
	case "streams", "grades":
		if !confirmed(r, id) {
			err = d.notConfirmed(r)
			break
		}
		if r.PathValue("kind") == "streams" {
			err, done = d.Authoring.DeleteStream(r.Context(), callerOf(r), id), "stream_deleted"
		} else {
			err, done = d.Authoring.DeleteGrade(r.Context(), callerOf(r), id), "grade_deleted"
		}
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.gradesPage(rw, r, status, deskGrades{Error: msg})
		return
	}
	http.Redirect(rw, r, "/app/grades?done="+done, http.StatusSeeOther)
}
