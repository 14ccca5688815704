package review

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/progress"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/store"
)

// Result is submit_review_session's answer.
type Result struct {
	Status             string  `json:"status"`
	Processed          int     `json:"processed"`
	XPEarned           int     `json:"xp_earned"`
	RemainingItems     int     `json:"remaining_items"`
	NewStabilityCounts Mastery `json:"new_stability_counts"`
}

// Mastery counts a player's live items of the season by bucket (original §3.6).
type Mastery struct {
	New      int `json:"new"`
	Learning int `json:"learning"`
	Mature   int `json:"mature"`
}

// XP rule of a review (original §3.3): 10 per correct answer plus 2 per combo point.
const (
	xpPerCorrect = 10
	xpPerCombo   = 2
)

// score is the XP of a graded sequence and its combo. The combo is recomputed here, not
// taken from the client: every correct answer adds the number of correct answers right
// before it (its streak), as the original's game engine counts its combo bonus, so a review
// pays exactly what the same answers pay in a lesson (10, 12, 14, … in a row).
func score(correct []bool) (xp, combo int) {
	streak, right := 0, 0
	for _, ok := range correct {
		if !ok {
			streak = 0
			continue
		}
		combo += streak
		streak++
		right++
	}
	return xpPerCorrect*right + xpPerCombo*combo, combo
}

// Submit grades a review session on the server and applies it in one transaction — the
// gameplay session, memory state and review log (scheduling.Record), XP (progress.Apply) —
// and answers only after the commit; then it updates the cached schedule. A retried
// session_id returns the first answer and writes nothing.
func (s *Service) Submit(ctx context.Context, who identity.Principal, sub Submission) (Result, error) {
	if err := sub.validate(); err != nil {
		return Result{}, err
	}
	season, ok, err := s.season(ctx, who.UserID)
	if err != nil {
		return Result{}, err
	}
	if !ok {
		return Result{}, invalid("Choose your grade and season before reviewing.", "اختر صفك وموسمك قبل المراجعة.")
	}
	if res, found, err := replay(ctx, s.Store, who.UserID, sub.Meta.SessionID); err != nil || found {
		return res, err
	}
	if err := s.checkMeta(ctx, sub.Meta); err != nil {
		return Result{}, err
	}
	g, err := s.grade(ctx, sub.Answers)
	if err != nil {
		return Result{}, err
	}
	var out applied
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		out, err = s.apply(ctx, tx, who, season, sub, g)
		return err
	})
	if err != nil {
		return Result{}, fmt.Errorf("submit review: %w", err)
	}
	if out.fresh {
		// Committed: a client that hangs up now must not cancel the follow-up writes.
		ctx = context.WithoutCancel(ctx)
		s.Schedule.Updated(ctx, who.UserID, season.ID, out.states)
		if s.Credits != nil && out.credit.Amount > 0 {
			s.Credits.Credited(ctx, []progress.Credit{out.credit})
		}
	}
	return out.result, nil
}

// checkMeta refuses a subject or topic that does not exist (they are stored with the session).
func (s *Service) checkMeta(ctx context.Context, meta SubmissionMeta) error {
	for kind, id := range map[string]string{"subject": meta.Subject, "topic": meta.Topic} {
		if id == "" {
			continue
		}
		ok, err := s.Store.Exists(ctx, kind, id)
		if err != nil {
			return fmt.Errorf("submit review: %w", err)
		}
		if !ok {
			return invalid("Unknown %s: %s", "%s غير معروف: %s", kind, id)
		}
	}
	return nil
}

// applied is what one submission transaction did.
type applied struct {
	result Result
	fresh  bool // false: a replay of a committed session
	states []store.MemoryState
	credit progress.Credit
}

// apply writes one submission. It first locks the player (PlayerLock), so two submissions of
// one player — reviews or lessons — apply one after the other, each to the state the other
// committed; the memory rows and the time are read after the lock, so a later commit never
// carries an earlier review time. An answer to a question the player does not have fails
// the transaction (400, nothing written).
func (s *Service) apply(ctx context.Context, tx store.Executor, who identity.Principal, season store.Season,
	sub Submission, g graded) (applied, error) {
	if err := tx.PlayerLock(ctx, who.UserID); err != nil {
		return applied{}, err
	}
	rows, err := tx.MemoryGetMany(ctx, who.UserID, season.ID, g.wanted)
	if err != nil {
		return applied{}, err
	}
	if err := g.known(rows); err != nil {
		return applied{}, err
	}
	now := s.Clock.Now()
	xp, combo := score(g.correct)
	day := clock.Day(now, who.Location)
	sess := store.GameplaySession{UserID: who.UserID, InstitutionID: who.InstitutionID, ClientSessionID: sub.Meta.SessionID,
		Kind: store.SessionReview, SubjectID: optional(sub.Meta.Subject), TopicID: optional(sub.Meta.Topic),
		SeasonID: &season.ID, XPEarned: xp, Score: xp, LocalDay: day, RawData: rawData(sub, g, combo), CreatedAt: now}
	id, inserted, err := tx.SessionInsert(ctx, sess)
	if err != nil {
		return applied{}, err
	}
	if !inserted {
		res, _, err := replay(ctx, tx, who.UserID, sub.Meta.SessionID)
		return applied{result: res}, err
	}
	states, err := scheduling.Record(ctx, tx, scheduling.Batch{UserID: who.UserID, Season: season, Location: who.Location,
		Source: srs.SourceReview, SessionID: &id, Answers: g.answers, Now: now, Current: rows})
	if err != nil {
		return applied{}, err
	}
	credit := progress.Credit{UserID: who.UserID, InstitutionID: who.InstitutionID, SubjectID: sess.SubjectID,
		Source: store.XPFromReview, Ref: strconv.FormatInt(id, 10), Amount: xp, At: now, Day: day}
	if _, err := progress.Apply(ctx, tx, credit); err != nil {
		return applied{}, err
	}
	res := Result{Status: "success", Processed: len(g.answers), XPEarned: xp}
	if err := s.summarize(ctx, tx, who, season, sub.Meta.Topic, now, &res); err != nil {
		return applied{}, err
	}
	body, err := json.Marshal(res)
	if err != nil {
		return applied{}, err
	}
	if err := tx.ReviewSessionSetResponse(ctx, id, body); err != nil {
		return applied{}, err
	}
	return applied{result: res, fresh: true, states: states, credit: credit}, nil
}

// summarize fills remaining_items (with a topic: its items still in the red zone; scenario
// E.48) and new_stability_counts (mastery buckets of the season; E.50), as committed.
func (s *Service) summarize(ctx context.Context, tx store.Executor, who identity.Principal, season store.Season,
	topic string, now time.Time, res *Result) error {
	if topic != "" {
		items, err := tx.ReviewTopicItems(ctx, who.UserID, season.ID, topic)
		if err != nil {
			return err
		}
		res.RemainingItems = remaining(items, dayStart(now, who.Location))
	}
	counts, err := tx.ReviewLevelCounts(ctx, who.UserID, season.ID)
	if err != nil {
		return err
	}
	for _, c := range counts {
		switch srs.MasteryForLevel(c.Level) {
		case srs.MasteryNew:
			res.NewStabilityCounts.New += c.Count
		case srs.MasteryLearning:
			res.NewStabilityCounts.Learning += c.Count
		case srs.MasteryMature:
			res.NewStabilityCounts.Mature += c.Count
		}
	}
	return nil
}
