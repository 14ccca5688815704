package web

import "net/http"

// reviewPlay is being built.
func (w *App) reviewPlay(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "soon", view{L: l, Title: l.T("app.name")})
}
