package web

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/store"
)

// notFoundPage answers paths no page serves: the API's JSON 404 under /api/, a page elsewhere.
func (w *App) notFoundPage(rw http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		httpx.WriteError(rw, r, httpx.NotFound("The requested resource was not found"))
		return
	}
	v := view{}
	if who, err := w.caller(r); err == nil && who != nil {
		r = r.WithContext(withUser(r.Context(), who))
		v.NoNav = !w.studies(r, who)
	}
	v.L = w.localizer(r)
	v.Title = v.L.T("error.not_found_title")
	w.render(rw, r, http.StatusNotFound, "not_found", v)
}

// studies says whether who can use the student pages now: a student with a grade and a season
// (staff who do not study work at the desk; a student without a profile is onboarding).
func (w *App) studies(r *http.Request, who *identity.Principal) bool {
	if isStaff(*who) && !who.HasRole(store.RoleStudent) {
		return false
	}
	info, err := w.Profile.LoginInfo(r.Context(), who)
	return err == nil && info.CurrentGrade != nil && info.Season != nil
}
