package teaching

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// Bounds of a push.
const (
	MaxPushWeakest = 20 // lowest-retrievability items per student
	maxTopicLen    = 140
)

// ActionPushed is the audit action of a push.
const ActionPushed = "review.pushed"

// Schedule is the cached review schedule (review.Schedule), told of due times after the
// push commits, as after a review.
type Schedule interface {
	Updated(ctx context.Context, userID int64, seasonID string, states []store.MemoryState)
}

// PushRequest is what a teacher pushes: a topic's items (Topic) or each student's Weakest
// lowest-retrievability items, for Students (none: every student of the institution).
type PushRequest struct {
	Institution string
	Topic       string
	Weakest     int
	Students    []int64
}

// PushResult counts what a push did. Pushed items were made due now; AlreadyDue ones were
// due already and keep their due time (a push is idempotent). Items a student never
// learned have no memory state and are never pushed: a student with no learned item to
// push counts in WithoutItems.
type PushResult struct {
	Students     int `json:"students"`
	Reached      int `json:"students_reached"`
	WithoutItems int `json:"students_without_items"`
	Items        int `json:"items"`
	Pushed       int `json:"pushed"`
	AlreadyDue   int `json:"already_due"`
}

// Push makes items of the caller's students due now in their review queues, marked as
// pushed by the caller. It never changes an item's FSRS state (stability, difficulty, last
// review): only its due time moves, so the next answer is scheduled as any review, with
// the time elapsed since the last real review. The database changes in one transaction
// (with the audit entry); the cached schedule follows after the commit.
func (s *Service) Push(ctx context.Context, c identity.Caller, req PushRequest) (PushResult, error) {
	if err := req.validate(); err != nil {
		return PushResult{}, err
	}
	inst := req.Institution
	if inst == "" {
		inst = c.InstitutionID
	}
	if !c.Reaches(inst) {
		return PushResult{}, problem.NotFoundMsg(msgInstNotFound)
	}
	if _, err := s.location(ctx, inst); err != nil {
		return PushResult{}, err
	}
	if s.fsrsErr != nil {
		return PushResult{}, fmt.Errorf("push: %w", s.fsrsErr)
	}
	if req.Topic != "" {
		ok, err := s.Store.Exists(ctx, "topic", req.Topic)
		if err != nil {
			return PushResult{}, fmt.Errorf("push: %w", err)
		}
		if !ok {
			return PushResult{}, problem.Invalidf("Unknown {kind}: {id}", "kind", "topic", "id", req.Topic)
		}
	}
	students, err := s.pushStudents(ctx, inst, req.Students)
	if err != nil {
		return PushResult{}, err
	}
	cands, err := s.Store.PushCandidates(ctx, inst, req.Topic)
	if err != nil {
		return PushResult{}, fmt.Errorf("push: %w", err)
	}
	now := s.Clock.Now()
	picks := s.pick(cands, students, req.Weakest, now)
	res := PushResult{Students: len(students), WithoutItems: len(students) - len(picks)}
	moved := map[int64][]store.MemoryState{}
	var items []store.PushItem
	for _, p := range picks {
		for _, q := range p.questions {
			items = append(items, store.PushItem{UserID: p.user, SeasonID: p.season, QuestionID: q})
		}
	}
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		// Every student's items in one statement (up to MaxStudents × their items).
		done, err := tx.ReviewPushMany(ctx, store.ReviewPushManyParams{Items: items, PushedBy: c.UserID, Now: now})
		if err != nil {
			return err
		}
		res.Items, res.Pushed, res.Reached = len(items), len(done), len(picks)
		for _, it := range done {
			moved[it.UserID] = append(moved[it.UserID], store.MemoryState{UserID: it.UserID, SeasonID: it.SeasonID,
				QuestionID: it.QuestionID, Due: now})
		}
		res.AlreadyDue = res.Items - res.Pushed
		return s.Audit.Record(ctx, tx, c.Entry(ActionPushed, req.target(), pushDetail{Institution: inst, Topic: req.Topic,
			Weakest: req.Weakest, PushResult: res}))
	})
	if err != nil {
		return PushResult{}, fmt.Errorf("push: %w", err)
	}
	if s.Schedule != nil {
		for _, p := range picks {
			s.Schedule.Updated(ctx, p.user, p.season, moved[p.user])
		}
	}
	return res, nil
}

// pushDetail is the audit entry's detail: what was pushed to how many students.
type pushDetail struct {
	Institution string `json:"institution"`
	Topic       string `json:"topic,omitempty"`
	Weakest     int    `json:"weakest,omitempty"`
	PushResult
}

func (r PushRequest) target() string {
	if r.Topic != "" {
		return "topic:" + r.Topic
	}
	return "weakest:" + strconv.Itoa(r.Weakest)
}

func (r *PushRequest) validate() error {
	r.Topic = strings.TrimSpace(r.Topic)
	switch {
	case (r.Topic == "") == (r.Weakest == 0):
		return problem.InvalidMsg("Push either a topic or the weakest items, not both.")
	case r.Weakest < 0 || r.Weakest > MaxPushWeakest:
		return problem.Invalidf("weakest must be between 1 and {max}.", "max", MaxPushWeakest)
	case len(r.Topic) > maxTopicLen:
		return problem.InvalidMsg("The topic is too long.")
	case len(r.Students) > MaxStudents:
		return problem.Invalidf("A push reaches at most {max} students.", "max", MaxStudents)
	}
	return nil
}

// pushStudents returns the students a push reaches: the listed ones, each a student of the
// institution (any other is not found), or all of them.
func (s *Service) pushStudents(ctx context.Context, inst string, ids []int64) (map[int64]bool, error) {
	rows, err := s.Store.ClassStudents(ctx, store.ClassParams{InstitutionID: inst, Limit: MaxStudents})
	if err != nil {
		return nil, fmt.Errorf("push: %w", err)
	}
	all := make(map[int64]bool, len(rows))
	for _, r := range rows {
		all[r.UserID] = true
	}
	if len(ids) == 0 {
		return all, nil
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if !all[id] {
			return nil, problem.NotFoundMsg(msgStudentNotFound)
		}
		out[id] = true
	}
	return out, nil
}

// pushPick is one student's items to push.
type pushPick struct {
	user      int64
	season    string
	questions []string
}

// pick chooses each student's items: every candidate (a topic's), or the weakest reviewed
// ones by retrievability now, lowest first (then by question). Students come in id order.
func (s *Service) pick(cands []store.PushCandidate, students map[int64]bool, weakest int, now time.Time) []pushPick {
	type scored struct {
		id string
		r  float64
	}
	by := map[int64][]scored{}
	season := map[int64]string{}
	for _, m := range cands {
		if !students[m.UserID] {
			continue
		}
		season[m.UserID] = m.SeasonID
		if weakest == 0 {
			by[m.UserID] = append(by[m.UserID], scored{id: m.QuestionID})
			continue
		}
		if m.LastReview == nil {
			continue // never reviewed: nothing to measure, and nothing the model forgot
		}
		by[m.UserID] = append(by[m.UserID], scored{id: m.QuestionID,
			r: s.fsrs.RetrievabilityAt(m.Stability, now.Sub(*m.LastReview).Hours()/24)})
	}
	out := make([]pushPick, 0, len(by))
	for user, items := range by {
		if len(items) == 0 {
			continue
		}
		if weakest > 0 {
			slices.SortFunc(items, func(a, b scored) int { return cmp.Or(cmp.Compare(a.r, b.r), cmp.Compare(a.id, b.id)) })
			items = items[:min(weakest, len(items))]
		}
		p := pushPick{user: user, season: season[user], questions: make([]string, len(items))}
		for i, it := range items {
			p.questions[i] = it.id
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b pushPick) int { return cmp.Compare(a.user, b.user) })
	return out
}

// WeakTopic is a topic among the weakest of some students of the class view, with those
// students: what the desk offers to push.
type WeakTopic struct {
	Topic    string  `json:"topic"`
	Subject  string  `json:"subject"`
	Students []int64 `json:"students"`
}

// WeakTopics are the topics among the class's weakest topics, the most shared first (then
// by topic), each with the students who have it among their weakest.
func (c Class) WeakTopics() []WeakTopic {
	by := map[string]*WeakTopic{}
	for _, st := range c.Students {
		for _, w := range st.Weakest {
			t := by[w.Topic]
			if t == nil {
				t = &WeakTopic{Topic: w.Topic, Subject: w.Subject}
				by[w.Topic] = t
			}
			t.Students = append(t.Students, st.UserID)
		}
	}
	out := make([]WeakTopic, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b WeakTopic) int {
		return cmp.Or(cmp.Compare(len(b.Students), len(a.Students)), cmp.Compare(a.Topic, b.Topic))
	})
	return out
}
