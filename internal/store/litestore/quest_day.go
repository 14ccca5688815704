package litestore

import (
	"context"
	"fmt"

	"memora/internal/store"
)

// QuestDayRead runs its statements one by one: SQLite runs in-process, a statement costs no
// round trip.
func (e executor) QuestDayRead(ctx context.Context, q store.QuestDayReads) (store.QuestDay, error) {
	return store.QuestDayReadSerial(ctx, e, q)
}

func (e executor) ProgressStageSubjects(ctx context.Context, stageIDs []string) ([]store.StageSubject, error) {
	ids, err := reviewIDList(stageIDs)
	if err != nil {
		return nil, fmt.Errorf("progress stage subjects: %w", err)
	}
	rows, err := e.r.ProgressStageSubjects(ctx, ids)
	if err != nil {
		return nil, wrap("progress stage subjects", err)
	}
	out := make([]store.StageSubject, len(rows))
	for i, r := range rows {
		out[i] = store.StageSubject{StageID: r.ID, SubjectID: r.SubjectID, SubjectTitle: r.SubjectTitle,
			SubjectTitleEN: r.SubjectTitleEn}
	}
	return out, nil
}
