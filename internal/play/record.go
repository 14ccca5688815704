package play

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"time"

	"memora/internal/catalog"
	"memora/internal/identity"
	"memora/internal/progress"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/store"
)

// record is one submission on its way into the database.
type record struct {
	who      identity.Principal
	sub      Submission
	open     catalog.OpenedLesson
	season   store.Season
	graded   []Graded
	score    Score
	now, day time.Time

	response json.RawMessage
	credit   progress.Credit
	credited bool
	states   []store.MemoryState
}

func (r *record) location() *time.Location { return r.who.Zone() }

// write stores the session, credits its XP and updates memory state, all through tx.
func (r *record) write(ctx context.Context, tx store.Executor) error {
	// Concurrent submissions of one player are taken one at a time: the XP of each depends
	// on the sessions before it (first completion, replays of the day).
	if err := tx.PlayerLock(ctx, r.who.UserID); err != nil {
		return err
	}
	id, err := r.insertSession(ctx, tx)
	if err != nil {
		return err
	}
	if !r.score.Completed {
		if err := tx.SessionSetCompleted(ctx, id, false); err != nil {
			return err
		}
	}
	r.credit = progress.Credit{UserID: r.who.UserID, InstitutionID: r.who.InstitutionID, SubjectID: &r.open.Subject.ID,
		Source: store.XPFromLesson, Ref: strconv.FormatInt(id, 10), Amount: r.credit.Amount, At: r.now, Day: r.day}
	if r.credited, err = progress.Apply(ctx, tx, r.credit); err != nil {
		return err
	}
	r.states, err = scheduling.Record(ctx, tx, scheduling.Batch{UserID: r.who.UserID, Season: r.season, Location: r.location(),
		Source: srs.SourceLesson, SessionID: &id, Answers: r.answers(), Now: r.now})
	return err
}

// insertSession computes the XP (replays earn less: it reads the earlier sessions inside
// the transaction) and inserts the session with its answer; errDuplicate when the client
// session id is already taken.
func (r *record) insertSession(ctx context.Context, tx store.Executor) (int64, error) {
	lesson := r.open.Lesson
	plays, err := tx.LessonPlayList(ctx, r.who.UserID, lesson.ID)
	if err != nil {
		return 0, err
	}
	xp, first := LessonXP(r.score, lesson.XPReward, plays, r.day)
	r.credit.Amount = xp
	r.response, err = json.Marshal(Result{Status: "success", Message: "Session Saved ✅", SessionID: r.sub.SessionID,
		XPEarned: xp, Correct: r.score.Correct, Total: r.score.Total, Completed: r.score.Completed, FirstCompletion: first})
	if err != nil {
		return 0, err
	}
	id, inserted, err := tx.SessionInsert(ctx, store.GameplaySession{UserID: r.who.UserID, InstitutionID: r.who.InstitutionID,
		ClientSessionID: r.sub.SessionID, Kind: store.SessionLesson, LessonID: &lesson.ID, SubjectID: &r.open.Subject.ID,
		TopicID: lesson.TopicID, SeasonID: &r.season.ID, XPEarned: xp, Score: xp, LocalDay: r.day,
		RawData: storableJSON(r.sub.Raw), Response: r.response, CreatedAt: r.now})
	switch {
	case err != nil:
		return 0, err
	case !inserted:
		return 0, errDuplicate
	}
	return id, nil
}

func (r *record) answers() []scheduling.Answer {
	out := make([]scheduling.Answer, len(r.graded))
	for i, g := range r.graded {
		out[i] = scheduling.Answer{QuestionID: g.StageID, SubjectID: &r.open.Subject.ID, TopicID: r.open.Lesson.TopicID,
			Correct: g.Correct, DurationMs: g.DurationMs, Attempts: g.Attempts}
	}
	return out
}

// storableJSON makes client JSON safe for every engine: PostgreSQL's jsonb refuses the
// \u0000 escape, so it becomes U+FFFD.
func storableJSON(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || !json.Valid(raw) {
		return json.RawMessage("{}")
	}
	return bytes.ReplaceAll(raw, []byte(`\u0000`), []byte(`\ufffd`))
}
