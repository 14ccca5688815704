package web

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
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
		elsewhere, err := w.notStudying(r, who)
		v.NoNav = err != nil || elsewhere != "" // the tab bar only for those who can use it
	}
	v.L = w.localizer(r)
	v.Title = v.L.T("error.not_found_title")
	w.render(rw, r, http.StatusNotFound, "not_found", v)
}
