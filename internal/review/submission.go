package review

import (
	"encoding/json"
	"math"
	"strings"

	"memora/internal/problem"
)

// Submission bounds: a review session is at most a few dozen cards.
const (
	maxAnswers       = 200
	maxSessionIDLen  = 140
	maxAnswerTimeMs  = 24 * 60 * 60 * 1000
	maxQuestionIDLen = 300
)

// Submission is submit_review_session's session_data.
type Submission struct {
	Answers []Answer       `json:"answers"`
	Meta    SubmissionMeta `json:"session_meta"`
	// TotalCombo is the client's own combo count: kept in the session's raw data, never
	// used — the server recomputes the combo from the graded answers.
	TotalCombo       json.RawMessage `json:"total_combo,omitempty"`
	CompletionTimeMs *float64        `json:"completion_time_ms,omitempty"`
}

// SubmissionMeta says what was reviewed; SessionID (client-chosen) makes a retried
// submission return the first answer without writing anything.
type SubmissionMeta struct {
	Subject   string `json:"subject,omitempty"`
	Topic     string `json:"topic,omitempty"`
	SessionID string `json:"session_id"`
}

// Answer is one answered card: the chosen option (its text, or for a quiz its index) and
// how long it took. IsCorrect, sent by the original's clients, is kept but never trusted.
type Answer struct {
	QuestionID  string          `json:"question_id"`
	Answer      json.RawMessage `json:"answer,omitempty"`
	IsCorrect   json.RawMessage `json:"is_correct,omitempty"`
	TimeSpentMs *float64        `json:"time_spent_ms,omitempty"`
	DurationMs  *float64        `json:"duration_ms,omitempty"`
}

// durationMs is time_spent_ms, else duration_ms, else 3000 ms, as the original (a zero
// counts as missing there too).
func (a Answer) durationMs() int {
	for _, v := range []*float64{a.TimeSpentMs, a.DurationMs} {
		if v != nil && *v > 0 {
			return int(math.Round(*v))
		}
	}
	return defaultDurationMs
}

// validate checks the shape of a submission before anything is read or written.
func (sub Submission) validate() error {
	id := strings.TrimSpace(sub.Meta.SessionID)
	switch {
	case id == "":
		return problem.InvalidMsg("session_meta.session_id is required.")
	case len(id) > maxSessionIDLen:
		return problem.Invalidf("session_meta.session_id is longer than {max} characters.", "max", maxSessionIDLen)
	case len(sub.Answers) == 0:
		return problem.InvalidMsg("There are no answers to submit.")
	case len(sub.Answers) > maxAnswers:
		return problem.Invalidf("A review session has at most {max} answers.", "max", maxAnswers)
	}
	if t := sub.CompletionTimeMs; t != nil && (*t < 0 || math.IsNaN(*t)) {
		return problem.InvalidMsg("completion_time_ms must not be negative.")
	}
	seen := make(map[string]bool, len(sub.Answers))
	for i, a := range sub.Answers {
		if err := a.validate(i); err != nil {
			return err
		}
		if seen[a.QuestionID] {
			return problem.Invalidf("Question {question} is answered twice.", "question", a.QuestionID)
		}
		seen[a.QuestionID] = true
	}
	return nil
}

func (a Answer) validate(i int) error {
	if a.QuestionID == "" || len(a.QuestionID) > maxQuestionIDLen {
		return problem.Invalidf("answers[{index}]: question_id is missing or too long.", "index", i)
	}
	for _, v := range []*float64{a.TimeSpentMs, a.DurationMs} {
		if v != nil && (*v < 0 || *v > maxAnswerTimeMs || math.IsNaN(*v)) {
			return problem.Invalidf("answers[{index}]: the answer time must be between 0 and {max} ms.",
				"index", i, "max", maxAnswerTimeMs)
		}
	}
	return nil
}
