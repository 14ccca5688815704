package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/review"
)

func (a *API) registerReviews(rt *httpx.Router) {
	a.readJoined(rt, "reviews", "get_review_session", "Due review cards (or focus mode on a topic)",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Review.Session(r.Context(), who, review.SessionRequest{
				Subject: p.String("subject"), TopicID: p.String("topic_id")})
		})
	a.mutation(rt, "reviews", "submit_review_session", "Grade and record a review session",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			if !p.Has("session_data") {
				return nil, problem.InvalidMsg("session_data is required")
			}
			var sub review.Submission
			if err := p.JSON("session_data", &sub); err != nil {
				return nil, err
			}
			return a.Review.Submit(r.Context(), who, sub)
		})
}
