package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerQuests(rt *httpx.Router) {
	// A read that may credit rewards: crediting is idempotent (once per quest per day), so
	// it stays safe to repeat, as a GET must.
	a.read(rt, "quests", "get_daily_quests", "Today's quests; completed ones credit their XP once",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Progress.DailyQuests(r.Context(), who, strings.TrimSpace(p.String("subject")))
		})
}
