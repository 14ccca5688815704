package review

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"memora/internal/cache"
	"memora/internal/catalog"
	"memora/internal/identity"
	"memora/internal/jsonenc"
	"memora/internal/store"
)

// Card is one review question as the original's clients read it. correct_answer is sent as
// the original does, for client compatibility; grading never trusts the client anyway.
type Card struct {
	ID            string   `json:"id"`
	Type          string   `json:"type"`
	Question      string   `json:"question"`
	CorrectAnswer string   `json:"correct_answer"`
	Options       []string `json:"options"`
	OriginType    string   `json:"origin_type"`
	// FromTeacher: a teacher pushed the item into the review queue and it has not been
	// reviewed since (teaching.Service.Push).
	FromTeacher bool `json:"from_teacher"`
	// MatchItem is a matching pair's item, the word Question asks about, for clients that
	// word the question themselves (the web app, in the reader's language); empty, and
	// omitted, for other cards. Question keeps the original's Arabic text.
	MatchItem string `json:"match_item,omitempty"`
}

// appendJSON appends the card as encoding/json encodes it.
func (c Card) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = jsonenc.String(b, c.ID)
	b = append(b, `,"type":`...)
	b = jsonenc.String(b, c.Type)
	b = append(b, `,"question":`...)
	b = jsonenc.String(b, c.Question)
	b = append(b, `,"correct_answer":`...)
	b = jsonenc.String(b, c.CorrectAnswer)
	b = append(b, `,"options":`...)
	b = jsonenc.Strings(b, c.Options)
	b = append(b, `,"origin_type":`...)
	b = jsonenc.String(b, c.OriginType)
	b = append(b, `,"from_teacher":`...)
	b = jsonenc.Bool(b, c.FromTeacher)
	if c.MatchItem != "" {
		b = append(b, `,"match_item":`...)
		b = jsonenc.String(b, c.MatchItem)
	}
	return append(b, '}')
}

const (
	distractorCount = 3
	distractorPad   = "..." // the original pads missing distractors with this literal
)

// appendCard shows q: a quiz's own options, otherwise up to three distractors from the lesson's
// local pool (never an external service on the request path; weak point 35) padded with
// "...", and the options shuffled.
//
// The options are appended to buf, so the cards of a session share one backing array; it
// returns buf grown. The card's options are capped where they end, so a later append never
// writes into them.
func (q question) appendCard(buf []string) (Card, []string) {
	start := len(buf)
	switch {
	case len(q.options) > 0:
		buf = append(buf, q.options...)
	case q.dp != nil:
		buf = append(q.dp.appendPick(buf, q.skip), q.correct)
	default:
		buf = append(append(buf, distractors(q.pool, q.correct)...), q.correct)
	}
	options := buf[start:len(buf):len(buf)]
	rand.Shuffle(len(options), func(i, j int) { options[i], options[j] = options[j], options[i] })
	return Card{ID: q.id, Type: "quiz", Question: q.prompt, CorrectAnswer: q.correct, Options: options, OriginType: q.origin, MatchItem: q.item}, buf
}

// distractors picks up to three distinct words of pool other than correct, at random.
func distractors(pool []string, correct string) []string {
	seen := map[string]bool{catalog.NormalizeWord(correct): true}
	var candidates []string
	for _, w := range pool {
		if n := catalog.NormalizeWord(w); !seen[n] {
			seen[n] = true
			candidates = append(candidates, w)
		}
	}
	rand.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	out := candidates[:min(distractorCount, len(candidates))]
	for len(out) < distractorCount {
		out = append(out, distractorPad)
	}
	return out
}

// distractorPool is a pool of distractor words told apart once, as distractors tells them
// apart on each call: the first word of each NormalizeWord form, in the pool's order.
// Shared by the cached questions of a lesson or stage; never modified.
type distractorPool struct {
	words []string
	norms []string // NormalizeWord of each word
}

func newDistractorPool(pool []string) *distractorPool {
	p := &distractorPool{}
	seen := make(map[string]bool, len(pool))
	for _, w := range pool {
		if n := catalog.NormalizeWord(w); !seen[n] {
			seen[n] = true
			p.words = append(p.words, w)
			p.norms = append(p.norms, n)
		}
	}
	return p
}

// find is the place of correct's form in the pool, -1 when it has none.
func (p *distractorPool) find(correct string) int {
	n := catalog.NormalizeWord(correct)
	for i, m := range p.norms {
		if m == n {
			return i
		}
	}
	return -1
}

// appendPick appends to out what distractors(pool, correct) returns, drawn the same way (up
// to three distinct words other than the one at skip, chosen uniformly at random, padded
// with "..."): no map and no normalizing per card.
func (p *distractorPool) appendPick(out []string, skip int) []string {
	start := len(out)
	n := len(p.words)
	if skip >= 0 {
		n--
	}
	k := min(distractorCount, n)
	var chosen [distractorCount]int
	for j := range k {
	draw:
		for {
			c := rand.IntN(n)
			for _, d := range chosen[:j] {
				if d == c {
					continue draw
				}
			}
			chosen[j] = c
			break
		}
		i := chosen[j]
		if skip >= 0 && i >= skip {
			i++
		}
		out = append(out, p.words[i])
	}
	for len(out)-start < distractorCount {
		out = append(out, distractorPad)
	}
	return out
}

// cards builds the cards of items with the stages of their lessons (one query), retires the
// items whose question is gone, shuffles the cards and keeps the first limit.
// pushed is which items a teacher pushed, read here when the caller does not know.
func (s *Service) cards(ctx context.Context, season store.Season, userID int64, items []store.MemoryState, pushed pushMarks, limit int) ([]Card, error) {
	refs := make([]ref, len(items))
	stageIDs := make([]string, len(items))
	for i, m := range items {
		refs[i] = parseRef(m.QuestionID)
		stageIDs[i] = refs[i].stage
	}
	book, err := s.book(ctx, stageIDs)
	if err != nil {
		return nil, fmt.Errorf("review cards: %w", err) // a failed read retires nothing
	}
	if !pushed.known {
		pushed = s.pushed(ctx, season, userID, items)
	}
	cards := make([]Card, 0, len(items))
	options := make([]string, 0, (distractorCount+1)*len(items))
	var gone []string
	for _, r := range refs {
		qs, err := book.questions(r)
		switch {
		case errors.Is(err, errGone):
			gone = append(gone, r.id)
		case err != nil:
			s.logger.Error("review card skipped: invalid stage config", "question", r.id, "err", err)
		}
		for _, q := range qs {
			// A legacy whole-stage item and one of its atoms make the same card.
			if !slices.ContainsFunc(cards, func(c Card) bool { return c.ID == q.id }) {
				var c Card
				c, options = q.appendCard(options)
				c.FromTeacher = pushed.set[r.id]
				cards = append(cards, c)
			}
		}
	}
	s.retire(ctx, cache.ScheduleKey{UserID: userID, SeasonID: season.ID}, gone)
	rand.Shuffle(len(cards), func(i, j int) { cards[i], cards[j] = cards[j], cards[i] })
	return cards[:min(limit, len(cards))], nil
}

// pushMarks is which items of a session a teacher pushed after their last review; known is
// false until they have been read.
type pushMarks struct {
	known bool
	set   map[string]bool
}

func (p *pushMarks) add(questionID string) {
	if p.set == nil {
		p.set = map[string]bool{}
	}
	p.set[questionID] = true
}

// pushedSince says whether an item last reviewed at lastReview (nil: never) was pushed
// (at, nil: never) after it.
func pushedSince(at, lastReview *time.Time) bool {
	return at != nil && (lastReview == nil || lastReview.Before(*at))
}

// pushed says which of items a teacher pushed after their last review. The label is a
// courtesy: a failed read only logs, and the session goes on without it.
func (s *Service) pushed(ctx context.Context, season store.Season, userID int64, items []store.MemoryState) pushMarks {
	out := pushMarks{known: true}
	if len(items) == 0 {
		return out
	}
	ids := make([]string, len(items))
	for i, m := range items {
		ids[i] = m.QuestionID
	}
	at, err := s.store.PushedAt(ctx, userID, season.ID, ids)
	if err != nil {
		s.logger.Warn("review: pushed items not read", "user", userID, "err", err)
		return out
	}
	for _, m := range items {
		if t, ok := at[m.QuestionID]; ok && pushedSince(&t, m.LastReview) {
			out.add(m.QuestionID)
		}
	}
	return out
}

// retire marks items whose question is gone as retired (kept, not deleted) and drops them
// from the cached schedule. A failure only means they are met again next time.
func (s *Service) retire(ctx context.Context, k cache.ScheduleKey, questionIDs []string) {
	if len(questionIDs) == 0 {
		return
	}
	// A write: held until a deferred authentication confirms the caller (get_review_session).
	identity.Hold(ctx, func(ctx context.Context) {
		if err := s.store.ReviewRetire(ctx, k.UserID, k.SeasonID, questionIDs, s.clock.Now()); err != nil {
			s.logger.Warn("retire memory items", "user", k.UserID, "err", err)
			return
		}
		s.schedule.retired(ctx, k, questionIDs)
	})
}
