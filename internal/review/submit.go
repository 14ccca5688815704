package review

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/progress"
	"memora/internal/record"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/store"
)

// Result is submit_review_session's answer. Ungraded lists the questions sent without an
// answer: not scheduled, worth no XP, not counted in processed.
type Result struct {
	Status             string   `json:"status"`
	Processed          int      `json:"processed"`
	XPEarned           int      `json:"xp_earned"`
	RemainingItems     int      `json:"remaining_items"`
	NewStabilityCounts Mastery  `json:"new_stability_counts"`
	Ungraded           []string `json:"ungraded"`
}

// Mastery counts a player's live items of the season by bucket (original §3.6).
type Mastery struct {
	New      int `json:"new"`
	Learning int `json:"learning"`
	Mature   int `json:"mature"`
}

// Submit grades a review session on the server and records it once (record.Recorder): in
// one transaction the gameplay session, memory state and review log (scheduling), XP
// (progress.Apply) and the quests it completes; it answers only after the commit. A
// retried session_id returns the first answer and writes nothing. Answers without an
// answer are ungraded: listed, never scheduled, worth no XP.
func (s *Service) Submit(ctx context.Context, who identity.Principal, sub Submission) (json.RawMessage, error) {
	if err := sub.validate(); err != nil {
		return nil, err
	}
	key := record.Key{UserID: who.UserID, ClientID: sub.Meta.SessionID, Kind: store.SessionReview}
	rs, err := s.prepare(ctx, who, sub)
	if err != nil {
		return s.recorder.RecordBatched(ctx, who, key, nil, err)
	}
	return s.recorder.RecordBatched(ctx, who, key, rs, nil)
}

// prepare reads the caller's season, checks the session's subject and topic and grades the
// answers, before any write.
func (s *Service) prepare(ctx context.Context, who identity.Principal, sub Submission) (*reviewSession, error) {
	season, ok, err := s.season(ctx, who.UserID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, problem.InvalidMsg("Choose your grade and season before reviewing.")
	}
	if err := s.checkMeta(ctx, sub.Meta); err != nil {
		return nil, err
	}
	g, err := s.grade(ctx, sub.Answers)
	if err != nil {
		return nil, err
	}
	// The player's fitted FSRS weights, through the store's short-lived cache (no query per review).
	weights, err := scheduling.FittedWeights(ctx, s.store, who.InstitutionID, who.UserID, season)
	if err != nil {
		return nil, err
	}
	return &reviewSession{svc: s, who: who, season: season, sub: sub, g: g, weights: weights}, nil
}

// checkMeta refuses a subject or topic that does not exist (they are stored with the session);
// when neither does, the subject is named, whatever the run.
func (s *Service) checkMeta(ctx context.Context, meta SubmissionMeta) error {
	for _, m := range [...]struct{ kind, id string }{{"subject", meta.Subject}, {"topic", meta.Topic}} {
		kind, id := m.kind, m.id
		if id == "" {
			continue
		}
		ok, err := s.store.Exists(ctx, kind, id)
		if err != nil {
			return fmt.Errorf("submit review: %w", err)
		}
		if !ok {
			return problem.Invalidf("Unknown {kind}: {id}", "kind", kind, "id", id)
		}
	}
	return nil
}

// reviewSession is one graded review submission on its way into the database (a
// record.Batched: its reads go with the player's lock, its writes together).
type reviewSession struct {
	svc    *Service
	who    identity.Principal
	season store.Season
	sub    Submission
	g      graded
	// weights are the player's fitted FSRS weights (nil: the season's)
	weights []float64

	now   time.Time
	plan  scheduling.Planned
	xp    int
	combo int
}

// Open reads, with the player's lock (so each submission applies to the state the one
// before committed), the player's memory rows of the answered questions, the season's
// mastery buckets and, with a topic, the topic's items: all RowFrom needs.
func (r *reviewSession) Open() store.SessionOpen {
	return store.SessionOpen{SeasonID: r.season.ID, QuestionIDs: r.g.wanted(), Levels: true, TopicID: r.sub.Meta.Topic}
}

// RowFrom plans the answers with the season's scheduler from the rows read and computes the
// answer stored with the session. An answer to a question the player does not have fails
// the transaction (400, nothing written).
func (r *reviewSession) RowFrom(ctx context.Context, tx store.Executor, read store.SessionOpened) (store.GameplaySession, error) {
	who, season, sub := r.who, r.season, r.sub
	rows := read.Memory
	if err := r.g.known(rows); err != nil {
		return store.GameplaySession{}, err
	}
	r.now = r.svc.clock.Now()
	var err error
	r.plan, err = scheduling.Plan(ctx, tx, scheduling.Batch{UserID: who.UserID, Season: season, Location: who.Location,
		Source: srs.SourceReview, Answers: r.g.answers, Now: r.now, Current: rows, Weights: r.weights})
	if err != nil {
		return store.GameplaySession{}, err
	}
	targeted := sub.Meta.Subject != "" || sub.Meta.Topic != ""
	r.xp, r.combo = paid(r.g.correct, r.g.xpShares(rows, targeted, r.now, who.Zone()))
	res := Result{Status: "success", Processed: len(r.g.answers), XPEarned: r.xp, Ungraded: r.g.ungraded}
	summarize(who, sub.Meta.Topic, r.now, r.plan, read, &res)
	body, err := json.Marshal(res)
	if err != nil {
		return store.GameplaySession{}, err
	}
	return store.GameplaySession{InstitutionID: who.InstitutionID, SubjectID: optional(sub.Meta.Subject),
		TopicID: optional(sub.Meta.Topic), SeasonID: &season.ID, XPEarned: r.xp, Score: r.xp,
		LocalDay: clock.Day(r.now, who.Location), RawData: rawData(sub, r.g, r.combo), Response: body, CreatedAt: r.now}, nil
}

// Writes are the planned memory states and review log under the session, and its XP.
func (r *reviewSession) Writes(id int64) (store.SessionWrite, record.Changes) {
	for i := range r.plan.Log {
		r.plan.Log[i].SessionID = &id
	}
	changes := record.Changes{SeasonID: r.season.ID, States: r.plan.States, Now: r.now}
	changes.Credits = []progress.Credit{{UserID: r.who.UserID, InstitutionID: r.who.InstitutionID,
		SubjectID: optional(r.sub.Meta.Subject), Source: store.XPFromReview, Ref: strconv.FormatInt(id, 10),
		Amount: r.xp, At: r.now, Day: clock.Day(r.now, r.who.Location)}}
	return store.SessionWrite{States: r.plan.States, Log: r.plan.Log}, changes
}

// summarize fills remaining_items (with a topic: its items still in the red zone; scenario
// E.48) and new_stability_counts (mastery buckets of the season; E.50) as they will be once
// plan is written: the stored items (read: the topic's items and the season's level counts,
// read before the write), with the planned states in place of the answered ones.
func summarize(who identity.Principal, topic string, now time.Time, plan scheduling.Planned, read store.SessionOpened, res *Result) {
	if topic != "" {
		res.RemainingItems = remaining(afterPlan(read.TopicItems, plan, topic), dayStart(now, who.Location))
	}
	byLevel := make(map[int]int, len(read.Levels))
	for _, c := range read.Levels {
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
