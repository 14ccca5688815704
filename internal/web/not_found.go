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
	if who, err := w.caller(r); err == nil && who != nil {
		r = r.WithContext(withUser(r.Context(), who))
	}
	l := w.localizer(r)
	w.render(rw, r, http.StatusNotFound, "not_found", view{L: l, Title: l.T("error.not_found_title")})
}
