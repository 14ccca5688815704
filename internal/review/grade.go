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
	answers []scheduling.Answer
	correct []bool
	stages  []string // the stage of each answer (a legacy whole-stage item vouches for it)
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
	refs := make([]ref, len(answers))
	stageIDs := make([]string, len(answers))
	for i, a := range answers {
		refs[i] = parseRef(a.QuestionID)
		stageIDs[i] = refs[i].stage
	}
	book, err := s.book(ctx, stageIDs)
	if err != nil {
		return graded{}, fmt.Errorf("grade review: %w", err)
	}
	out := graded{answers: make([]scheduling.Answer, len(answers)), correct: make([]bool, len(answers)),
		stages: stageIDs}
	for i, a := range answers {
		r := refs[i]
		q, err := single(book, r)
		if err != nil {
			return graded{}, unknownQuestion(r.id)
		}
		ok, err := q.grade(a.Answer)
		if err != nil {
			return graded{}, err
		}
		out.correct[i] = ok
		out.answers[i] = scheduling.Answer{QuestionID: r.id, Correct: ok, DurationMs: a.durationMs(), Attempts: 1}
	}
	return out, nil
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
	return problem.InvalidMsg(fmt.Sprintf("Unknown question: %s", id)).
		WithArabic(fmt.Sprintf("سؤال غير معروف: %s", id))
}

// grade compares the chosen option with the correct answer. The answer is the option's
// text; a quiz also accepts the index of the option in the quiz's own list.
func (q question) grade(raw json.RawMessage) (bool, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return false, problem.InvalidMsg(fmt.Sprintf("The answer to %s is missing.", q.id)).
			WithArabic(fmt.Sprintf("الإجابة عن %s مفقودة.", q.id))
	}
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return q.sameAnswer(text), nil
	}
	var index int
	if err := json.Unmarshal(raw, &index); err == nil && q.options != nil {
		return index >= 0 && index < len(q.options) && q.options[index] == q.correct, nil
	}
	return false, problem.InvalidMsg(fmt.Sprintf("The answer to %s must be the chosen option's text.", q.id)).
		WithArabic(fmt.Sprintf("يجب أن تكون الإجابة عن %s نص الخيار المختار.", q.id))
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
