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
	"memora/internal/record"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/store"
)

// lessonSession is one graded submission on its way into the database (a record.Session).
type lessonSession struct {
	who      identity.Principal
	sub      Submission
	clientID string
	open     catalog.OpenedLesson
	season   store.Season
	graded   []Graded
	ungraded []string
	score    Score
	now, day time.Time
	weights  []float64 // the player's fitted FSRS weights (nil: the season's)

	xp int
}

// Row computes the XP (replays earn less: it reads the earlier sessions inside the
// transaction, after the player's lock) and the session row with its answer.
func (r *lessonSession) Row(ctx context.Context, tx store.Executor) (store.GameplaySession, error) {
	lesson := r.open.Lesson
	plays, err := tx.LessonPlayList(ctx, r.who.UserID, lesson.ID)
	if err != nil {
		return store.GameplaySession{}, err
	}
	xp, first := LessonXP(r.score, lesson.XPReward, plays, r.day)
	r.xp = xp
	response, err := json.Marshal(Result{Status: "success", Message: "Session Saved ✅", Ungraded: r.ungraded,
		SessionID: r.clientID, XPEarned: xp, Correct: r.score.Correct, Total: r.score.Total, Completed: r.score.Completed,
		FirstCompletion: first})
	if err != nil {
		return store.GameplaySession{}, err
	}
	return store.GameplaySession{InstitutionID: r.who.InstitutionID, SubjectID: &r.open.Subject.ID,
		TopicID: lesson.TopicID, SeasonID: &r.season.ID, XPEarned: xp, Score: xp, LocalDay: r.day,
		RawData: storableJSON(r.sub.Raw), Response: response, CreatedAt: r.now}, nil
}

// Apply marks an incomplete session, credits its XP and updates memory state with the
// graded answers (ungraded ones write nothing).
func (r *lessonSession) Apply(ctx context.Context, tx store.Executor, id int64) (record.Changes, error) {
	changes := record.Changes{SeasonID: r.season.ID, Now: r.now}
	if !r.score.Completed {
		if err := tx.SessionSetCompleted(ctx, id, false); err != nil {
			return changes, err
		}
	}
	credit := progress.Credit{UserID: r.who.UserID, InstitutionID: r.who.InstitutionID, SubjectID: &r.open.Subject.ID,
		Source: store.XPFromLesson, Ref: strconv.FormatInt(id, 10), Amount: r.xp, At: r.now, Day: r.day}
	credited, err := progress.Apply(ctx, tx, credit)
	if err != nil {
		return changes, err
	}
	if credited {
		changes.Credits = append(changes.Credits, credit)
	}
	if len(r.graded) == 0 {
		return changes, nil
	}
	changes.States, err = scheduling.Record(ctx, tx, scheduling.Batch{UserID: r.who.UserID, Season: r.season,
		Location: r.who.Zone(), Source: srs.SourceLesson, SessionID: &id, Answers: r.answers(), Now: r.now,
		Weights: r.weights})
	return changes, err
}

func (r *lessonSession) answers() []scheduling.Answer {
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
