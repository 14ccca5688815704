package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"memora/internal/problem"
	"memora/internal/store"
)

// replay returns the stored answer of a session already submitted under sessionID.
func replay(ctx context.Context, ex store.Executor, userID int64, sessionID string) (Result, bool, error) {
	sess, err := ex.SessionGetByClientID(ctx, userID, sessionID)
	if errors.Is(err, store.ErrNotFound) {
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, false, fmt.Errorf("submit review: %w", err)
	}
	if sess.Kind != store.SessionReview {
		return Result{}, false, problem.ConflictMsg("This session_id was already used by a lesson session.").
			WithArabic("معرّف الجلسة هذا مستخدم لجلسة درس.")
	}
	var res Result
	if err := json.Unmarshal(sess.Response, &res); err != nil {
		return Result{}, false, fmt.Errorf("submit review: stored answer: %w", err)
	}
	return res, true, nil
}

// rawData is what the gameplay session keeps of the submission, as the original's
// {meta, interactions, stats}, with the server's grading next to each answer.
func rawData(sub Submission, g graded, combo int) json.RawMessage {
	type graded struct {
		Answer
		Graded bool `json:"graded_correct"`
	}
	interactions := make([]graded, len(sub.Answers))
	right := 0
	for i, a := range sub.Answers {
		interactions[i] = graded{Answer: a, Graded: g.correct[i]}
		if g.correct[i] {
			right++
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
