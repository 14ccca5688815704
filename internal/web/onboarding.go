package web

import (
	"net/http"
	"slices"

	"memora/internal/profile"
)

// onboardingData is one step of onboarding: grade, then stream (only for a grade with streams),
// then season.
type onboardingData struct {
	Step   string   // "grade", "stream" or "season"
	Steps  []string // each step's bar: "done", "current" (on screen) or "" (to come)
	StepNo int      // the step on screen, from 1, said in words for those who cannot see the dots
	Grade  *profile.GradeOption
	Stream string
	// Checked is the grade selected on the grade step: the one the student had chosen when they
	// came back to change it, else the first.
	Checked string
	Grades  []profile.GradeOption
	Streams []profile.StreamOption
	Seasons []profile.SeasonOption
	Error   string
}

func (w *App) onboardingShow(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	w.onboardingStep(rw, r, http.StatusOK, q.Get("grade"), q.Get("stream"), q.Get("change"), "")
}

// onboardingSubmit saves the choice with the API's own validation; its message is shown on the
// step it concerns.
func (w *App) onboardingSubmit(rw http.ResponseWriter, r *http.Request) {
	c := profile.AcademicChoice{Grade: r.PostFormValue("grade"), Stream: r.PostFormValue("stream"), Season: r.PostFormValue("season")}
	err := w.Profile.SetAcademicProfile(r.Context(), userFrom(r).UserID, c)
	if err == nil {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return
	}
	msg, status := w.localizer(r).explain(err)
	if msg == "" {
		w.serverError(rw, r, err)
		return
	}
	w.onboardingStep(rw, r, status, c.Grade, c.Stream, "", msg)
}

// change is the grade chosen before, when the student went back to the grade step to change it.
func (w *App) onboardingStep(rw http.ResponseWriter, r *http.Request, status int, gradeID, stream, change, errMsg string) {
	who := userFrom(r)
	m, err := w.Profile.AcademicMasters(r.Context(), who.InstitutionID)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	d := onboardingData{Step: "grade", Grades: m.Grades, Error: errMsg}
	for i := range m.Grades {
		if m.Grades[i].ID == gradeID {
			d.Grade = &m.Grades[i]
		}
		if i == 0 || m.Grades[i].ID == change {
			d.Checked = m.Grades[i].ID
		}
	}
	if d.Grade != nil {
		d.Step, d.Stream = "season", stream
		for _, s := range m.Streams {
			if slices.Contains(d.Grade.AllowedStreams, s.Name) {
				d.Streams = append(d.Streams, s)
			}
		}
		if len(d.Streams) > 0 && !slices.Contains(d.Grade.AllowedStreams, stream) {
			d.Step, d.Stream = "stream", ""
		}
		for _, s := range m.Seasons {
			if len(d.Grade.AllowedSeasons) == 0 || slices.Contains(d.Grade.AllowedSeasons, s.Name) {
				d.Seasons = append(d.Seasons, s)
			}
		}
	}
	// The steps before the one on screen are done (a grade without streams skips its stream),
	// the one on screen is current: the last step's bar looked done before the student chose.
	d.StepNo = 1 + slices.Index([]string{"grade", "stream", "season"}, d.Step)
	d.Steps = make([]string, 3)
	for i := range d.Steps {
		switch {
		case i+1 < d.StepNo:
			d.Steps[i] = "done"
		case i+1 == d.StepNo:
			d.Steps[i] = "current"
		}
	}
	l := w.localizer(r)
	// No tab bar: its pages all send a student without a profile back here.
	w.render(rw, r, status, "onboarding", view{L: l, Title: l.T("onboarding.title"), NoNav: true, Data: d})
}
