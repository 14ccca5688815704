package web

import (
	"net/http"

	"memora/internal/play"
)

// lessonData is what the lesson player page renders and hands to assets/js/lesson.js.
type lessonData struct {
	Title string
	// Back is where leaving the lesson goes: its topic, else its subject's map.
	Back string
	// Replay: the student completed the lesson before, so it earns less XP this time.
	Replay bool
	// Game is the JSON data block the player script reads.
	Game lessonGame
}

// lessonGame is the lesson as the player script receives it: the stages of
// get_lesson_details and where the exit and the win screen lead. Without a LessonID (a
// preview) the player saves nothing.
type lessonGame struct {
	User     int64            `json:"user"`
	LessonID string           `json:"lesson_id"`
	Back     string           `json:"back"`
	Replay   bool             `json:"replay"`
	Stages   []play.StageView `json:"stages"`
}

// lessonPlay renders the lesson player from get_lesson_details' answer; a lesson the student
// may not open shows why (403 locked, 404 unknown) as a page.
func (w *App) lessonPlay(rw http.ResponseWriter, r *http.Request) {
	ctx, who, lessonID := r.Context(), *userFrom(r), r.PathValue("lesson")
	open, err := w.Catalog.OpenLesson(ctx, who, lessonID)
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	details, err := w.Play.LessonDetails(ctx, who, lessonID)
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	back := "/subjects/" + open.Subject.ID
	if t := open.Lesson.TopicID; t != nil && *t != "" {
		back = "/topics/" + *t
	}
	l := w.localizer(r)
	d := lessonData{Title: l.Pick(details.Title, details.TitleEN), Back: back, Replay: open.Status == "completed",
		Game: lessonGame{User: who.UserID, LessonID: details.Name, Back: back, Replay: open.Status == "completed", Stages: details.Stages}}
	w.render(rw, r, http.StatusOK, "lesson", view{L: l, Title: d.Title, Data: d, Strings: l.strings(lessonStrings...)})
}

// lessonStrings are the catalogue entries lesson.js shows.
var lessonStrings = []string{
	"lesson.hearts", "lesson.combo", "lesson.xp", "lesson.check", "lesson.continue", "lesson.got_it",
	"lesson.skip", "lesson.right", "lesson.wrong", "lesson.wrong_hearts", "lesson.right_xp",
	"lesson.wrong_hearts.zero", "lesson.wrong_hearts.one", "lesson.wrong_hearts.two",
	"lesson.xp.one", "lesson.xp.two", "lesson.xp.few", "lesson.right_xp.one", "lesson.right_xp.two", "lesson.right_xp.few",
	"lesson.xp_earned.few",
	"lesson.reveal_hint", "lesson.reveal_missed", "lesson.match_hint",
	"lesson.match_skipped", "lesson.match_wrong", "lesson.match_done", "lesson.quiz_hint", "lesson.quiz_answer",
	"lesson.video_offsite", "lesson.video_minutes", "lesson.unsupported", "lesson.retry_later",
	"lesson.win_title", "lesson.win_text", "lesson.xp_earned", "lesson.first_completion", "lesson.replay_note", "lesson.preview_note",
	"lesson.best_combo", "lesson.hearts_left", "lesson.score", "lesson.replay", "lesson.back_to_map", "lesson.leave",
	"lesson.over_title", "lesson.over_text", "lesson.try_again", "lesson.stage_of",
	"sync.saving", "sync.offline", "sync.retry_now", "sync.failed", "sync.signed_out", "sync.saved",
	"nav.back_home",
}
