package pgstore

import (
	"context"
	"encoding/json"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) ReviewDue(ctx context.Context, p store.ReviewDueParams) ([]store.MemoryState, error) {
	var rows []pgdb.MemoryState
	var err error
	if p.SubjectID == nil {
		rows, err = e.q.ReviewDue(ctx, pgdb.ReviewDueParams{
			UserID: p.UserID, SeasonID: p.SeasonID, Now: p.Now, Lim: int32(p.Limit)})
	} else {
		rows, err = e.q.ReviewDueInSubject(ctx, pgdb.ReviewDueInSubjectParams{
			UserID: p.UserID, SeasonID: p.SeasonID, Now: p.Now, SubjectID: p.SubjectID, Lim: int32(p.Limit)})
	}
	if err != nil {
		return nil, wrap("review due", err)
	}
	return reviewStates(rows), nil
}

func (e executor) ReviewTopicItems(ctx context.Context, userID int64, seasonID, topicID string) ([]store.MemoryState, error) {
	rows, err := e.q.ReviewTopicItems(ctx, pgdb.ReviewTopicItemsParams{UserID: userID, SeasonID: seasonID, TopicID: &topicID})
	if err != nil {
		return nil, wrap("review topic items", err)
	}
	return reviewStates(rows), nil
}

func (e executor) ReviewScheduleLoad(ctx context.Context, userID int64, seasonID string) ([]store.ScheduleItem, error) {
	rows, err := e.q.ReviewScheduleLoad(ctx, pgdb.ReviewScheduleLoadParams{UserID: userID, SeasonID: seasonID})
	if err != nil {
		return nil, wrap("review schedule load", err)
	}
	out := make([]store.ScheduleItem, len(rows))
	for i, r := range rows {
		out[i] = store.ScheduleItem{QuestionID: r.QuestionID, Due: r.Due}
	}
	return out, nil
}

func (e executor) ReviewLessonStages(ctx context.Context, stageIDs []string) ([]store.ReviewStage, error) {
	if stageIDs == nil {
		stageIDs = []string{}
	}
	rows, err := e.q.ReviewLessonStages(ctx, stageIDs)
	if err != nil {
		return nil, wrap("review lesson stages", err)
	}
	out := make([]store.ReviewStage, len(rows))
	for i, r := range rows {
		out[i] = store.ReviewStage{LessonPublished: r.IsPublished, Stage: store.Stage{
			ID: r.ID, LessonID: r.LessonID, Position: int(r.Position), Title: r.Title, Type: r.Type,
			Config: r.Config}}
	}
	return out, nil
}

func (e executor) ReviewRetire(ctx context.Context, userID int64, seasonID string, questionIDs []string, now time.Time) error {
	if len(questionIDs) == 0 {
		return nil
	}
	err := e.q.ReviewRetire(ctx, pgdb.ReviewRetireParams{Now: now, UserID: userID, SeasonID: seasonID, QuestionIds: questionIDs})
	return wrap("review retire", err)
}

func (e executor) ReviewLevelCounts(ctx context.Context, userID int64, seasonID string) ([]store.LevelCount, error) {
	rows, err := e.q.ReviewLevelCounts(ctx, pgdb.ReviewLevelCountsParams{UserID: userID, SeasonID: seasonID})
	if err != nil {
		return nil, wrap("review level counts", err)
	}
	out := make([]store.LevelCount, len(rows))
	for i, r := range rows {
		out[i] = store.LevelCount{Level: int(r.Level), Count: int(r.N)}
	}
	return out, nil
}

func (e executor) ReviewSessionSetResponse(ctx context.Context, sessionID int64, response json.RawMessage) error {
	err := e.q.ReviewSessionSetResponse(ctx, pgdb.ReviewSessionSetResponseParams{Response: jsonOrEmpty(response), ID: sessionID})
	return wrap("review session set response", err)
}

func reviewStates(rows []pgdb.MemoryState) []store.MemoryState {
	out := make([]store.MemoryState, len(rows))
	for i, r := range rows {
		out[i] = memoryState(r)
	}
	return out
}

func (e executor) ReviewDueRows(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]store.DueRow, error) {
	rows, err := e.q.ReviewDueRowsScan(ctx, pgdb.ReviewDueRowsParams{UserID: userID, SeasonID: seasonID, QuestionIds: questionIDs})
	if err != nil {
		return nil, wrap("review due rows", err)
	}
	out := make([]store.DueRow, len(rows))
	for i, r := range rows {
		out[i] = store.DueRow(r)
	}
	return out, nil
}
