package review

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"memora/internal/catalog"
	"memora/internal/problem"
	"memora/internal/scheduling"
	"memora/internal/store"
)

// defaultDurationMs is the answer time assumed when the client sends none (scenario E.47):
// "normal speed" for the classic rules.
const defaultDurationMs = 3000

// graded is a submission after the server graded it.
type graded struct {
	answers  []scheduling.Answer
	correct  []bool
	stages   []string // the stage of each answer (a legacy whole-stage item vouches for it)
	ungraded []string // questions sent without an answer: not graded, not scheduled
}

// wanted are the memory rows that vouch for the answers: each question and its stage.
func (g graded) wanted() []string {
	out := make([]string, 0, 2*len(g.answers))
	for i, a := range g.answers {
		out = append(out, a.QuestionID, g.stages[i])
	}
	return out
}

// grade checks every answer against the question recomputed from its stage. The client's
// is_correct is never read. Whether the player has each question is checked by known,
// inside the submission's transaction.
func (s *Service) grade(ctx context.Context, answers []Answer) (graded, error) {
	out := graded{ungraded: []string{}}
	var refs []ref
	var sent []Answer
	for _, a := range answers {
		if !answered(a.Answer) {
			out.ungraded = append(out.ungraded, a.QuestionID)
			continue
		}
		r := parseRef(a.QuestionID)
		refs, sent, out.stages = append(refs, r), append(sent, a), append(out.stages, r.stage)
	}
	if len(refs) == 0 {
		return out, nil
	}
	book, err := s.book(ctx, out.stages)
	if err != nil {
		return graded{}, fmt.Errorf("grade review: %w", err)
	}
	out.answers, out.correct = make([]scheduling.Answer, len(refs)), make([]bool, len(refs))
	for i, r := range refs {
		q, err := single(book, r)
		if err != nil {
			return graded{}, unknownQuestion(r.id)
		}
		ok, err := q.grade(sent[i].Answer)
		if err != nil {
			return graded{}, err
		}
		out.correct[i] = ok
		out.answers[i] = scheduling.Answer{QuestionID: r.id, Correct: ok, DurationMs: sent[i].durationMs(), Attempts: 1}
	}
	return out, nil
}

// answered reports whether an answer was sent (a missing or null one is ungraded).
func answered(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && string(raw) != "null"
}

// known checks that every answered question is one the player has live in the season (or,
// for a legacy whole-stage item, its stage), given the player's rows of g.wanted().
func (g graded) known(rows []store.MemoryState) error {
	live := make(map[string]bool, len(rows))
	for _, m := range rows {
		live[m.QuestionID] = !m.Retired
	}
	for i, a := range g.answers {
		if !live[a.QuestionID] && !live[g.stages[i]] {
			return unknownQuestion(a.QuestionID)
		}
	}
	return nil
}

// single is the one question an answered id addresses (a whole reveal or matching stage is
// not one question).
func single(book stageBook, r ref) (question, error) {
	qs, err := book.questions(r)
	if err != nil || len(qs) != 1 || qs[0].id != r.id {
		return question{}, errGone
	}
	return qs[0], nil
}

func unknownQuestion(id string) error {
	return problem.Invalidf("Unknown question: {id}", "id", id)
}

// grade compares the chosen option with the correct answer (raw is one, see answered). The
// answer is the option's text; a quiz also accepts the index of the option in the quiz's
// own list (an index outside it is a 400).
func (q question) grade(raw json.RawMessage) (bool, error) {
	raw = bytes.TrimSpace(raw)
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return q.sameAnswer(text), nil
	}
	var index int
	if err := json.Unmarshal(raw, &index); err == nil && q.options != nil {
		if index < 0 || index >= len(q.options) {
			return false, problem.Invalidf("The answer to {question} is not one of its options (0 to {last}).",
				"question", q.id, "last", len(q.options)-1)
		}
		return q.options[index] == q.correct, nil
	}
	return false, problem.Invalidf("The answer to {question} must be the chosen option's text.", "question", q.id)
}

// sameAnswer compares the chosen option with the correct one as written (trimmed); a word
// also matches when NormalizeWord says so (case, diacritics, surrounding punctuation). The
// "..." padding is never right.
func (q question) sameAnswer(answer string) bool {
	if strings.TrimSpace(answer) == strings.TrimSpace(q.correct) {
		return true
	}
	n := catalog.NormalizeWord(q.correct)
	return q.words && n != "" && catalog.NormalizeWord(answer) == n
}
