package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) ReviewDue(ctx context.Context, p store.ReviewDueParams) ([]store.MemoryState, error) {
	var rows []litedb.MemoryState
	var err error
	if p.SubjectID == nil {
		rows, err = e.r.ReviewDue(ctx, litedb.ReviewDueParams{
			UserID: p.UserID, SeasonID: p.SeasonID, Now: micros(p.Now), Lim: int64(p.Limit)})
	} else {
		rows, err = e.r.ReviewDueInSubject(ctx, litedb.ReviewDueInSubjectParams{
			UserID: p.UserID, SeasonID: p.SeasonID, Now: micros(p.Now), SubjectID: p.SubjectID, Lim: int64(p.Limit)})
	}
	if err != nil {
		return nil, wrap("review due", err)
	}
	return reviewStates(rows), nil
}

func (e executor) ReviewTopicItems(ctx context.Context, userID int64, seasonID, topicID string) ([]store.MemoryState, error) {
	rows, err := e.r.ReviewTopicItems(ctx, litedb.ReviewTopicItemsParams{UserID: userID, SeasonID: seasonID, TopicID: &topicID})
	if err != nil {
		return nil, wrap("review topic items", err)
	}
	return reviewStates(rows), nil
}

func (e executor) ReviewScheduleLoad(ctx context.Context, userID int64, seasonID string) ([]store.ScheduleItem, error) {
	rows, err := e.r.ReviewScheduleLoad(ctx, litedb.ReviewScheduleLoadParams{UserID: userID, SeasonID: seasonID})
	if err != nil {
		return nil, wrap("review schedule load", err)
	}
	out := make([]store.ScheduleItem, len(rows))
	for i, r := range rows {
		out[i] = store.ScheduleItem{QuestionID: r.QuestionID, Due: fromMicros(r.Due)}
	}
	return out, nil
}

func (e executor) ReviewLessonStages(ctx context.Context, stageIDs []string) ([]store.ReviewStage, error) {
	ids, err := reviewIDList(stageIDs)
	if err != nil {
		return nil, fmt.Errorf("review lesson stages: %w", err)
	}
	rows, err := e.r.ReviewLessonStages(ctx, ids)
	if err != nil {
		return nil, wrap("review lesson stages", err)
	}
	out := make([]store.ReviewStage, len(rows))
	for i, r := range rows {
		out[i] = store.ReviewStage{LessonPublished: r.IsPublished, Stage: store.Stage{
			ID: r.ID, LessonID: r.LessonID, Position: int(r.Position), Title: r.Title, Type: r.Type,
			Config: rawJSON(r.Config)}}
	}
	return out, nil
}

func (e executor) ReviewRetire(ctx context.Context, userID int64, seasonID string, questionIDs []string, now time.Time) error {
	if len(questionIDs) == 0 {
		return nil
	}
	ids, err := reviewIDList(questionIDs)
	if err != nil {
		return fmt.Errorf("review retire: %w", err)
	}
	err = e.w.ReviewRetire(ctx, litedb.ReviewRetireParams{Now: micros(now), UserID: userID, SeasonID: seasonID, QuestionIds: ids})
	return wrap("review retire", err)
}

func (e executor) ReviewLevelCounts(ctx context.Context, userID int64, seasonID string) ([]store.LevelCount, error) {
	rows, err := e.r.ReviewLevelCounts(ctx, litedb.ReviewLevelCountsParams{UserID: userID, SeasonID: seasonID})
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
	err := e.w.ReviewSessionSetResponse(ctx, litedb.ReviewSessionSetResponseParams{Response: jsonText(response), ID: sessionID})
	return wrap("review session set response", err)
}

func reviewStates(rows []litedb.MemoryState) []store.MemoryState {
	out := make([]store.MemoryState, len(rows))
	for i, r := range rows {
		out[i] = memoryState(r)
	}
	return out
}

// jsonList is how a list parameter reaches SQLite: a JSON array read with json_each.
func reviewIDList(ids []string) (string, error) {
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	return string(b), err
}

func (e executor) ReviewDueRows(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]store.DueRow, error) {
	ids, err := reviewIDList(questionIDs)
	if err != nil {
		return nil, fmt.Errorf("review due rows: %w", err)
	}
	rows, err := e.r.ReviewDueRows(ctx, litedb.ReviewDueRowsParams{UserID: userID, SeasonID: seasonID, QuestionIds: ids})
	if err != nil {
		return nil, wrap("review due rows", err)
	}
	out := make([]store.DueRow, len(rows))
	for i, r := range rows {
		out[i] = store.DueRow{QuestionID: r.QuestionID, Due: fromMicros(r.Due), Retired: r.Retired, Pushed: r.Pushed}
	}
	return out, nil
}
