package web

import (
	"net/http"

	"memora/internal/authoring"
	"memora/internal/season"
)

// deskNames names seasons and subjects by their titles in the page's language, as the desk's forms
// offer them (lists showed their ids: "SEASON-2026", "math"), an id only for one that is gone.
type deskNames struct {
	Seasons  []season.View
	Subjects []authoring.SubjectView
}

func (n deskNames) SeasonName(l Localizer, id string) string {
	return named(l, n.Seasons, id, func(s season.View) (string, string, string) { return s.Name, s.Title, s.TitleEN })
}

func (n deskNames) SubjectName(l Localizer, id string) string {
	return named(l, n.Subjects, id, func(s authoring.SubjectView) (string, string, string) { return s.ID, s.Title, s.TitleEn })
}

// names loads the seasons and the subjects the caller may see.
func (d *desk) names(r *http.Request) (deskNames, error) {
	var n deskNames
	var err error
	if n.Seasons, err = d.Season.List(r.Context()); err != nil {
		return n, err
	}
	n.Subjects, err = d.Authoring.Subjects(r.Context(), callerOf(r))
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
