package review

import (
	"encoding/json"
)

// rawData is what the gameplay session keeps of the submission, as the original's
// {meta, interactions, stats}, with the server's grading next to each graded answer
// (ungraded ones have none).
func rawData(sub Submission, g graded, combo int) json.RawMessage {
	type graded struct {
		Answer
		Graded *bool `json:"graded_correct,omitempty"`
	}
	correct := make(map[string]bool, len(g.answers))
	for i, a := range g.answers {
		correct[a.QuestionID] = g.correct[i]
	}
	interactions := make([]graded, len(sub.Answers))
	right := 0
	for i, a := range sub.Answers {
		interactions[i] = graded{Answer: a}
		if ok, isGraded := correct[a.QuestionID]; isGraded {
			interactions[i].Graded = &ok
			if ok {
				right++
			}
		}
	}
	body, err := json.Marshal(map[string]any{
		"meta": sub.Meta, "interactions": interactions, "client_total_combo": sub.TotalCombo,
		"stats": map[string]any{"correct": right, "combo": combo, "time_ms": sub.CompletionTimeMs},
	})
	if err != nil {
		return json.RawMessage("{}")
	}
	return body
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
