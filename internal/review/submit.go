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
	err = s.checkMeta(ctx, sub.Meta)
	var g graded
	if err == nil {
		g, err = s.grade(ctx, sub.Answers)
	}
	if err != nil {
		// A retry of a session recorded before its subject or questions went away still
		// gets its first answer. (Retries are otherwise recognized inside the transaction.)
		if res, found, rerr := replay(ctx, s.Store, who.UserID, sub.Meta.SessionID); rerr != nil || found {
			return res, rerr
		}
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
// the transaction (400, nothing written). The answer is computed before anything is
// written and stored with the session, so a retried session_id finds it there.
func (s *Service) apply(ctx context.Context, tx store.Executor, who identity.Principal, season store.Season,
	sub Submission, g graded) (applied, error) {
	if err := tx.PlayerLock(ctx, who.UserID); err != nil {
		return applied{}, err
	}
	rows, err := tx.MemoryGetMany(ctx, who.UserID, season.ID, g.wanted())
	if err != nil {
		return applied{}, err
	}
	if err := g.known(rows); err != nil {
		if res, found, rerr := replay(ctx, tx, who.UserID, sub.Meta.SessionID); rerr != nil || found {
			return applied{result: res}, rerr
		}
		return applied{}, err
	}
	now := s.Clock.Now()
	plan, err := scheduling.Plan(ctx, tx, scheduling.Batch{UserID: who.UserID, Season: season, Location: who.Location,
		Source: srs.SourceReview, Answers: g.answers, Now: now, Current: rows})
	if err != nil {
		return applied{}, err
	}
	xp, combo := score(g.correct)
	res := Result{Status: "success", Processed: len(g.answers), XPEarned: xp}
	if err := s.summarize(ctx, tx, who, season, sub.Meta.Topic, now, plan, &res); err != nil {
		return applied{}, err
	}
	body, err := json.Marshal(res)
	if err != nil {
		return applied{}, err
	}
	day := clock.Day(now, who.Location)
	id, inserted, err := tx.SessionInsert(ctx, store.GameplaySession{UserID: who.UserID, InstitutionID: who.InstitutionID,
		ClientSessionID: sub.Meta.SessionID, Kind: store.SessionReview, SubjectID: optional(sub.Meta.Subject),
		TopicID: optional(sub.Meta.Topic), SeasonID: &season.ID, XPEarned: xp, Score: xp, LocalDay: day,
		RawData: rawData(sub, g, combo), Response: body, CreatedAt: now})
	if err != nil {
		return applied{}, err
	}
	if !inserted {
		res, _, err := replay(ctx, tx, who.UserID, sub.Meta.SessionID)
		return applied{result: res}, err
	}
	if err := plan.Write(ctx, tx, &id); err != nil {
		return applied{}, err
	}
	credit := progress.Credit{UserID: who.UserID, InstitutionID: who.InstitutionID, SubjectID: optional(sub.Meta.Subject),
		Source: store.XPFromReview, Ref: strconv.FormatInt(id, 10), Amount: xp, At: now, Day: day}
	if _, err := progress.Apply(ctx, tx, credit); err != nil {
		return applied{}, err
	}
	return applied{result: res, fresh: true, states: plan.States, credit: credit}, nil
}

// summarize fills remaining_items (with a topic: its items still in the red zone; scenario
// E.48) and new_stability_counts (mastery buckets of the season; E.50) as they will be once
// plan is written: the stored items, read before the write, with the planned states in
// place of the answered ones.
func (s *Service) summarize(ctx context.Context, tx store.Executor, who identity.Principal, season store.Season,
	topic string, now time.Time, plan scheduling.Planned, res *Result) error {
	if topic != "" {
		items, err := tx.ReviewTopicItems(ctx, who.UserID, season.ID, topic)
		if err != nil {
			return err
		}
		res.RemainingItems = remaining(afterPlan(items, plan, topic), dayStart(now, who.Location))
	}
	counts, err := tx.ReviewLevelCounts(ctx, who.UserID, season.ID)
	if err != nil {
		return err
	}
	byLevel := make(map[int]int, len(counts))
	for _, c := range counts {
		byLevel[c.Level] += c.Count
	}
	for _, st := range plan.States {
		if before, ok := plan.Before[st.QuestionID]; ok && !before.Retired {
			byLevel[before.Level]--
		}
		if !st.Retired {
			byLevel[st.Level]++
		}
	}
	for level, n := range byLevel {
		switch srs.MasteryForLevel(level) {
		case srs.MasteryNew:
			res.NewStabilityCounts.New += n
		case srs.MasteryLearning:
			res.NewStabilityCounts.Learning += n
		case srs.MasteryMature:
			res.NewStabilityCounts.Mature += n
		}
	}
	return nil
}

// afterPlan is a topic's live items once plan is written.
func afterPlan(items []store.MemoryState, plan scheduling.Planned, topic string) []store.MemoryState {
	planned := make(map[string]store.MemoryState, len(plan.States))
	for _, st := range plan.States {
		planned[st.QuestionID] = st
	}
	out := make([]store.MemoryState, 0, len(items)+len(plan.States))
	for _, m := range items {
		if _, ok := planned[m.QuestionID]; !ok {
			out = append(out, m)
		}
	}
	for _, st := range plan.States {
		if !st.Retired && st.TopicID != nil && *st.TopicID == topic {
			out = append(out, st)
		}
	}
	return out
}
