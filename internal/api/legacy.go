package api

import (
	"net/http"

	"memora/internal/httpx"
)

// LegacyPath is the route of a function of the original's legacy monolith (memora/api.py):
// /api/method/memora.api.<function>.
func LegacyPath(function string) string { return "/api/method/memora.api." + function }

// legacyAliases are the legacy monolith's routes (original §2.1 row 28, §2.9) with the
// modular endpoint each one is an alias of. They take the original's parameters, which are
// the modular endpoints' own.
var legacyAliases = []struct {
	function, module string
	mutation         bool
}{
	{function: "get_subjects", module: "subjects"},
	{function: "get_map_data", module: "map_engine"},
	{function: "get_lesson_details", module: "sessions"},
	{function: "submit_session", module: "sessions", mutation: true},
	{function: "get_player_profile", module: "profile"},
}

// registerLegacy serves each legacy route by handing the request, unchanged but for its
// path, to the modular endpoint: one handler, one behaviour, one set of parameters.
func (a *API) registerLegacy(rt *httpx.Router) {
	for _, l := range legacyAliases {
		target := MethodPath(l.module, l.function)
		summary := "Legacy alias of memora.api." + l.module + "." + l.function
		alias := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r2 := r.Clone(r.Context())
			r2.URL.Path, r2.URL.RawPath = target, ""
			rt.ServeHTTP(w, r2)
		})
		if l.mutation {
			rt.Mutation(LegacyPath(l.function), summary, alias)
		} else {
			rt.Read(LegacyPath(l.function), summary, alias)
		}
	}
}
