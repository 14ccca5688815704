package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerSubjects(rt *httpx.Router) {
	a.read(rt, "subjects", "get_subjects", "Subjects of the caller's academic plan",
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Catalog.Subjects(r.Context(), who)
		})
	a.read(rt, "subjects", "get_my_subjects", "Subjects of the caller's plan with display names and mandatory flags",
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Catalog.MySubjects(r.Context(), who)
		})
	a.read(rt, "subjects", "get_game_tracks", "Learning tracks of a subject, default first",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Catalog.GameTracks(r.Context(), who, p.String("subject"))
		})
}
