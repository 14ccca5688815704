package web

import (
	"cmp"
	"net/http"
	"slices"

	"memora/internal/authoring"
	"memora/internal/season"
)

// deskNames names seasons, subjects and tracks by their titles in the page's language, as the
// desk's forms offer them (lists showed their ids: "SEASON-2026", "math", "math-olympiad"), an id
// only for one that is gone.
type deskNames struct {
	Seasons  []season.View
	Subjects []authoring.SubjectView
	Tracks   []authoring.TrackView
}

func (n deskNames) SeasonName(l Localizer, id string) string {
	return named(l, n.Seasons, id, func(s season.View) (string, string, string) { return s.Name, s.Title, s.TitleEN })
}

func (n deskNames) SubjectName(l Localizer, id string) string {
	return named(l, n.Subjects, id, func(s authoring.SubjectView) (string, string, string) { return s.ID, s.Title, s.TitleEn })
}

func (n deskNames) TrackName(l Localizer, id string) string {
	return named(l, n.Tracks, id, func(t authoring.TrackView) (string, string, string) { return t.ID, t.Title, t.TitleEn })
}

// PlanSubjectName names a plan's subject row as its students see it: in Arabic the row's display
// name (the model keeps it in Arabic only), else the subject's title; in English the subject's
// English title. A row whose subject is gone keeps its display name, else its id.
func (n deskNames) PlanSubjectName(l Localizer, row authoring.PlanRow) string {
	if !slices.ContainsFunc(n.Subjects, func(s authoring.SubjectView) bool { return s.ID == row.Subject }) {
		return cmp.Or(row.DisplayName, row.Subject)
	}
	return named(l, n.Subjects, row.Subject, func(s authoring.SubjectView) (string, string, string) {
		return s.ID, cmp.Or(row.DisplayName, s.Title), s.TitleEn
	})
}

// names loads the seasons, and the subjects and tracks, the caller may see.
func (d *desk) names(r *http.Request) (deskNames, error) {
	var n deskNames
	var err error
	if n.Seasons, err = d.Season.List(r.Context()); err != nil {
		return n, err
	}
	if n.Subjects, err = d.Authoring.Subjects(r.Context(), callerOf(r)); err != nil {
		return n, err
	}
	n.Tracks, err = d.Authoring.Tracks(r.Context(), callerOf(r))
	return n, err
}

// named is the title, in the page's language, of the row of rows whose id is id; id itself when
// there is none.
func named[T any](l Localizer, rows []T, id string, of func(T) (id, ar, en string)) string {
	for _, r := range rows {
		if rid, ar, en := of(r); rid == id {
			return l.Pick(ar, en)
		}
	}
	return id
}
