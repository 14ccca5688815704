package loadgen

// Endpoints as the report names them (the original's function names, §2.1).
const (
	EPReviewSession = "get_review_session"
	EPSubmitReview  = "submit_review_session"
	EPMap           = "get_map_data"
	EPProfile       = "get_full_profile_stats"
	EPQuests        = "get_daily_quests"
	EPLeaderboard   = "get_leaderboard"
	EPLessonDetails = "get_lesson_details"
	EPSubmitSession = "submit_session"
)

// Paths are the routes of the endpoints.
var Paths = map[string]string{
	EPReviewSession: "/api/method/memora.api.reviews.get_review_session",
	EPSubmitReview:  "/api/method/memora.api.reviews.submit_review_session",
	EPMap:           "/api/method/memora.api.map_engine.get_map_data",
	EPProfile:       "/api/method/memora.api.profile.get_full_profile_stats",
	EPQuests:        "/api/method/memora.api.quests.get_daily_quests",
	EPLeaderboard:   "/api/method/memora.api.leaderboard.get_leaderboard",
	EPLessonDetails: "/api/method/memora.api.sessions.get_lesson_details",
	EPSubmitSession: "/api/method/memora.api.sessions.submit_session",
}

// Endpoints lists the endpoints an action calls.
func (a Action) Endpoints() []string {
	switch a {
	case ActReview:
		return []string{EPReviewSession}
	case ActSubmit, ActSubmitOnly:
		return []string{EPSubmitReview}
	case ActMap:
		return []string{EPMap}
	case ActProfile:
		return []string{EPProfile}
	case ActQuests:
		return []string{EPQuests}
	case ActLeaderboard:
		return []string{EPLeaderboard}
	case ActLesson:
		return []string{EPLessonDetails, EPSubmitSession}
	}
	if ep := pageEndpoint[a]; ep != "" {
		return []string{ep}
	}
	return nil
}
