package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) PushCandidates(ctx context.Context, institutionID, topicID string) ([]store.PushCandidate, error) {
	rows, err := e.r.PushCandidates(ctx, litedb.PushCandidatesParams{InstitutionID: institutionID, TopicID: topicID})
	if err != nil {
		return nil, wrap("push candidates", err)
	}
	out := make([]store.PushCandidate, len(rows))
	for i, r := range rows {
		out[i] = store.PushCandidate{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, TopicID: r.TopicID,
			Stability: r.Stability, Due: fromMicros(r.Due), LastReview: fromMicrosPtr(r.LastReview)}
	}
	return out, nil
}

// ReviewPush moves the due times and records the push in one write transaction.
func (e executor) ReviewPush(ctx context.Context, p store.ReviewPushParams) ([]string, error) {
	moved := []string{}
	if len(p.QuestionIDs) == 0 {
		return moved, nil
	}
	ids, err := json.Marshal(p.QuestionIDs)
	if err != nil {
		return nil, fmt.Errorf("review push: %w", err)
	}
	err = e.inWrite(ctx, func(q *litedb.Queries) error {
		rows, err := q.PushDue(ctx, litedb.PushDueParams{Now: micros(p.Now), UserID: p.UserID, SeasonID: p.SeasonID,
			QuestionIds: string(ids)})
		if err != nil {
			return wrap("push due", err)
		}
		moved = append(moved, rows...)
		return wrap("push mark", q.PushMark(ctx, litedb.PushMarkParams{UserID: p.UserID, SeasonID: p.SeasonID,
			PushedBy: p.PushedBy, PushedAt: micros(p.Now), QuestionIds: string(ids)}))
	})
	return moved, err
}

func (e executor) PushedAt(ctx context.Context, userID int64, seasonID string, questionIDs []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(questionIDs) == 0 {
		return out, nil
	}
	ids, err := json.Marshal(questionIDs)
	if err != nil {
		return nil, fmt.Errorf("pushed items: %w", err)
	}
	rows, err := e.r.PushedAmong(ctx, litedb.PushedAmongParams{UserID: userID, SeasonID: seasonID, QuestionIds: string(ids)})
	if err != nil {
		return nil, wrap("pushed items", err)
	}
	for _, r := range rows {
		out[r.QuestionID] = fromMicros(r.PushedAt)
	}
	return out, nil
}

// ReviewPushMany moves the due times (one update by primary key) and records the push (one
// insert) of every item in one write transaction.
func (e executor) ReviewPushMany(ctx context.Context, p store.ReviewPushManyParams) ([]store.PushItem, error) {
	out := []store.PushItem{}
	if len(p.Items) == 0 {
		return out, nil
	}
	triples := make([][3]any, len(p.Items))
	for i, it := range p.Items {
		triples[i] = [3]any{it.UserID, it.SeasonID, it.QuestionID}
	}
	items, err := json.Marshal(triples)
	if err != nil {
		return nil, fmt.Errorf("review push: %w", err)
	}
	err = e.inWrite(ctx, func(q *litedb.Queries) error {
		rows, err := q.PushDueMany(ctx, litedb.PushDueManyParams{Now: micros(p.Now), Items: string(items)})
		if err != nil {
			return wrap("push due", err)
		}
		for _, r := range rows {
			out = append(out, store.PushItem{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID})
		}
		return wrap("push mark", q.PushMarkMany(ctx, litedb.PushMarkManyParams{PushedBy: p.PushedBy, PushedAt: micros(p.Now),
			Items: string(items)}))
	})
	return out, err
}
