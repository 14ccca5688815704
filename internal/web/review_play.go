package web

import (
	"net/http"
	"strings"
)

// reviewData is the review session page: which review it is (general, one subject, or focus
// on one topic) and the JSON block review.js reads. The cards themselves come from
// get_review_session, called by the script, so Safe Mode's 429 and "continue" work the
// same way on the first batch and the next.
type reviewData struct {
	Heading string
	Back    string
	Game    reviewGame
}

type reviewGame struct {
	User      int64  `json:"user"`
	Subject   string `json:"subject,omitempty"`
	Topic     string `json:"topic,omitempty"`
	Back      string `json:"back"`
	BackLabel string `json:"back_label"`
}

// reviewPlay renders the review session page; ?subject=ID reviews one subject, ?topic=ID is
// the focus review of a topic (refused like the topic page when the student cannot see it).
func (w *App) reviewPlay(rw http.ResponseWriter, r *http.Request) {
	ctx, who := r.Context(), *userFrom(r)
	l := w.localizer(r)
	q := r.URL.Query()
	subject, topic := strings.TrimSpace(q.Get("subject")), strings.TrimSpace(q.Get("topic"))
	d := reviewData{Heading: l.T("review.title"), Back: "/", Game: reviewGame{Back: "/", BackLabel: l.T("nav.back_home")}}
	switch {
	case topic != "":
		t, err := w.Catalog.TopicDetails(ctx, who, topic)
		if err != nil {
			w.pageError(rw, r, err)
			return
		}
		d.Heading = l.T("review.focus_title", "topic", l.Pick(t.Title, t.TitleEN))
		d.Back = "/topics/" + t.TopicID
		d.Game = reviewGame{Topic: t.TopicID, Back: d.Back, BackLabel: l.T("review.back_topic")}
	case subject != "":
		mine, err := w.Catalog.MySubjects(ctx, who)
		if err != nil {
			w.serverError(rw, r, err)
			return
		}
		found := false
		for _, s := range mine {
			if s.ID == subject {
				title := s.DisplayName
				if title == "" {
					title = s.Name
				}
				d.Heading = l.T("review.subject_title", "subject", l.Pick(title, s.NameEN))
				found = true
			}
		}
		if !found {
			w.render(rw, r, http.StatusNotFound, "not_found", view{L: l, Title: l.T("error.not_found_title"), Nav: "review"})
			return
		}
		d.Back = "/subjects/" + subject
		d.Game = reviewGame{Subject: subject, Back: d.Back, BackLabel: l.T("review.back_subject")}
	}
	d.Game.User = who.UserID
	w.render(rw, r, http.StatusOK, "review", view{L: l, Title: d.Heading, Nav: "review", Data: d, Strings: l.strings(reviewStrings...)})
}

// reviewStrings are the catalogue entries review.js shows.
var reviewStrings = []string{
	"review.loading", "review.card_of", "review.check", "review.continue", "review.right", "review.wrong",
	"review.answer_was", "review.combo", "review.timer", "review.empty_title", "review.empty_text",
	"review.done_title", "review.done_text", "review.all_done", "review.continue_left", "review.more",
	"review.xp_earned", "review.xp_earned.few", "review.correct", "review.time", "review.best_combo", "review.mastery",
	"review.mastery_new", "review.mastery_learning", "review.mastery_mature", "review.wait_title",
	"review.wait_text", "review.wait_text.one", "review.wait_text.two", "review.wait_text.few", "review.degraded", "review.error", "review.retry", "review.options", "review.from_teacher", "review.match",
	"sync.saving", "sync.offline", "sync.retry_now", "sync.failed", "sync.signed_out",
	"nav.back_home",
}
