package play

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"memora/internal/catalog"
	"memora/internal/problem"
	"memora/internal/store"
)

// Interaction is one answer the client reports (original §7.4), plus the student's answer
// the server grades. Answers by stage type:
//
//	quiz:     {"option": <index of the chosen option>}
//	matching: {"pairs": {"<left pair id>": "<right pair id>", …}}
//	reveal:   {"revealed": [<highlight index>, …]}
//
// An interaction without an answer (missing or null) is ungraded: the server cannot check
// it, and the client's is_final_outcome_correct is never trusted, so it is neither right
// nor wrong — it earns no XP and writes no spaced-repetition data.
type Interaction struct {
	QuestionID    string          `json:"question_id"`
	Type          string          `json:"type"`
	AttemptsCount *float64        `json:"attempts_count"`
	DurationMs    *float64        `json:"duration_ms"`
	TimeSpentMs   *float64        `json:"time_spent_ms"`
	Answer        json.RawMessage `json:"answer"`
}

// Graded is one interaction of a scored stage, graded by the server.
type Graded struct {
	StageID    string
	Correct    bool
	DurationMs int
	Attempts   int
}

// defaultDurationMs is the original's duration when the client sends none.
const defaultDurationMs = 3000

// Grade grades the interactions of scored stages in order; interactions of video and
// reading stages are ignored, and those without an answer are listed in ungraded (their
// question ids, once each). An interaction naming no stage of the lesson, or carrying a
// malformed answer, is a 400.
func Grade(stages []store.Stage, in []Interaction) (graded []Graded, ungraded []string, err error) {
	configs := map[string]any{}
	for _, s := range stages {
		if !catalog.IsScored(s.Type) {
			configs[s.ID] = nil
			continue
		}
		cfg, err := catalog.ParseStageConfig(s.Type, s.Config)
		if err != nil {
			return nil, nil, fmt.Errorf("grade: stage %s: %w", s.ID, err)
		}
		configs[s.ID] = cfg
	}
	out := make([]Graded, 0, len(in))
	ungraded = []string{}
	for i, it := range in {
		cfg, ok := configs[it.QuestionID]
		if !ok {
			return nil, nil, problem.Invalidf("interactions[{index}]: question_id {question} is not a stage of this lesson",
				"index", i, "question", strconv.Quote(it.QuestionID))
		}
		if cfg == nil {
			continue
		}
		if !answered(it.Answer) {
			if err := checkCounts(it); err != nil {
				return nil, nil, invalidAt(i, err)
			}
			if !slices.Contains(ungraded, it.QuestionID) {
				ungraded = append(ungraded, it.QuestionID)
			}
			continue
		}
		g, err := gradeOne(cfg, it)
		if err != nil {
			return nil, nil, invalidAt(i, err)
		}
		out = append(out, g)
	}
	return out, ungraded, nil
}

// answered reports whether an interaction carries an answer to grade.
func answered(answer json.RawMessage) bool {
	a := bytes.TrimSpace(answer)
	return len(a) > 0 && string(a) != "null"
}

// checkCounts validates the numbers of an ungraded interaction (refused like a graded one's).
func checkCounts(it Interaction) error {
	if _, err := count("attempts_count", it.AttemptsCount); err != nil {
		return err
	}
	_, err := duration(it)
	return err
}

func gradeOne(cfg any, it Interaction) (Graded, error) {
	attempts, err := count("attempts_count", it.AttemptsCount)
	if err != nil {
		return Graded{}, err
	}
	d, err := duration(it)
	if err != nil {
		return Graded{}, err
	}
	ok, err := correct(cfg, it.Answer)
	if err != nil {
		return Graded{}, err
	}
	return Graded{StageID: it.QuestionID, Correct: ok, DurationMs: d, Attempts: max(attempts, 1)}, nil
}

// duration is duration_ms, else time_spent_ms, else 3000 ms (the original's order).
func duration(it Interaction) (int, error) {
	for _, f := range []struct {
		name string
		v    *float64
	}{{"duration_ms", it.DurationMs}, {"time_spent_ms", it.TimeSpentMs}} {
		if f.v != nil {
			return count(f.name, f.v)
		}
	}
	return defaultDurationMs, nil
}

// count reads a non-negative whole number sent as a JSON number (fractions are dropped).
func count(name string, v *float64) (int, error) {
	switch {
	case v == nil:
		return 0, nil
	case *v < 0 || math.IsNaN(*v) || *v > math.MaxInt32:
		return 0, fmt.Errorf("%s must be a non-negative number", name)
	}
	return int(*v), nil
}

func correct(cfg any, answer json.RawMessage) (bool, error) {
	switch c := cfg.(type) {
	case catalog.QuizConfig:
		var a struct{ Option *int }
		if err := json.Unmarshal(answer, &a); err != nil || a.Option == nil {
			return false, fmt.Errorf(`a quiz answer is {"option": <index>}`)
		}
		if *a.Option < 0 || *a.Option >= len(c.Options) {
			return false, fmt.Errorf("quiz option %d is not one of the options 0 to %d", *a.Option, len(c.Options)-1)
		}
		return catalog.GradeQuiz(c, *a.Option), nil
	case catalog.MatchingConfig:
		var a struct{ Pairs map[string]string }
		if err := json.Unmarshal(answer, &a); err != nil {
			return false, fmt.Errorf(`a matching answer is {"pairs": {"<left id>": "<right id>"}}`)
		}
		return catalog.GradeMatching(c, a.Pairs), nil
	case catalog.RevealConfig:
		var a struct{ Revealed []int }
		if err := json.Unmarshal(answer, &a); err != nil {
			return false, fmt.Errorf(`a reveal answer is {"revealed": [<highlight index>]}`)
		}
		return catalog.GradeReveal(c, a.Revealed), nil
	}
	return false, nil
}

// invalidAt is a 400 for the i-th interaction; the reason is the grader's detail.
func invalidAt(i int, reason error) error {
	return problem.Invalidf("interactions[{index}]: {reason}", "index", i, "reason", reason.Error())
}
