package web

import "net/http"

// leaderboardShow is being built.
func (w *App) leaderboardShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "soon", view{L: l, Title: l.T("app.name")})
}
