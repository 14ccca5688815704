package web

import "net/http"

// profileShow is being built.
func (w *App) profileShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "soon", view{L: l, Title: l.T("app.name")})
}
