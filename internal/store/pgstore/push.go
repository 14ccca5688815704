package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) PushCandidates(ctx context.Context, institutionID, topicID string) ([]store.PushCandidate, error) {
	rows, err := e.q.PushCandidates(ctx, pgdb.PushCandidatesParams{InstitutionID: institutionID, TopicID: topicID})
	if err != nil {
		return nil, wrap("push candidates", err)
	}
	out := make([]store.PushCandidate, len(rows))
	for i, r := range rows {
		out[i] = store.PushCandidate{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, TopicID: r.TopicID,
			Stability: r.Stability, Due: r.Due.UTC(), LastReview: utcPtr(r.LastReview)}
	}
	return out, nil
}

// ReviewPush moves the due times and records the push in one transaction (a savepoint
// inside the caller's).
func (e executor) ReviewPush(ctx context.Context, p store.ReviewPushParams) ([]string, error) {
	if len(p.QuestionIDs) == 0 {
		return []string{}, nil
	}
	var moved []string
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		var err error
		moved, err = q.PushDue(ctx, pgdb.PushDueParams{Now: p.Now, UserID: p.UserID, SeasonID: p.SeasonID, QuestionIds: p.QuestionIDs})
		if err != nil {
			return wrap("push due", err)
		}
		return wrap("push mark", q.PushMark(ctx, pgdb.PushMarkParams{UserID: p.UserID, SeasonID: p.SeasonID,
			PushedBy: p.PushedBy, PushedAt: p.Now, QuestionIds: p.QuestionIDs}))
	})
	if moved == nil {
		moved = []string{}
	}
	return moved, err
}

func (e executor) PushedAt(ctx context.Context, userID int64, seasonID string, questionIDs []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(questionIDs) == 0 {
		return out, nil
	}
	rows, err := e.q.PushedAmong(ctx, pgdb.PushedAmongParams{UserID: userID, SeasonID: seasonID, QuestionIds: questionIDs})
	if err != nil {
		return nil, wrap("pushed items", err)
	}
	for _, r := range rows {
		out[r.QuestionID] = r.PushedAt.UTC()
	}
	return out, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// ReviewPushMany moves the due times and records the push of every item in one statement.
func (e executor) ReviewPushMany(ctx context.Context, p store.ReviewPushManyParams) ([]store.PushItem, error) {
	out := []store.PushItem{}
	if len(p.Items) == 0 {
		return out, nil
	}
	arg := pgdb.PushManyParams{Now: p.Now, PushedBy: p.PushedBy, UserIds: make([]int64, len(p.Items)),
		SeasonIds: make([]string, len(p.Items)), QuestionIds: make([]string, len(p.Items))}
	for i, it := range p.Items {
		arg.UserIds[i], arg.SeasonIds[i], arg.QuestionIds[i] = it.UserID, it.SeasonID, it.QuestionID
	}
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		rows, err := q.PushMany(ctx, arg)
		for _, r := range rows {
			out = append(out, store.PushItem{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID})
		}
		return wrap("push many", err)
	})
	return out, err
}
