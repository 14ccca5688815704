package web

import "net/http"

// storeShow is being built.
func (w *App) storeShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "soon", view{L: l, Title: l.T("app.name")})
}

func (w *App) storeRequest(rw http.ResponseWriter, r *http.Request) {
	http.Redirect(rw, r, "/store", http.StatusSeeOther)
}
