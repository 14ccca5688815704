package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerQuests(rt *httpx.Router) {
	// A pure read: the sessions that complete quests credit their rewards (record.Recorder).
	a.read(rt, "quests", "get_daily_quests", "Today's quests and whether their rewards were credited",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Progress.DailyQuests(r.Context(), who, strings.TrimSpace(p.String("subject")))
		})
}
