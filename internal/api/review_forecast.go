package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/progress"
)

func (a *API) registerReviewForecast(rt *httpx.Router) {
	a.read(rt, "profile", "get_review_forecast", "Reviews falling due on each of the next 14 days of the caller",
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Progress.ReviewForecast(r.Context(), who, progress.ForecastDays)
		})
}
