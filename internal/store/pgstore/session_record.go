package pgstore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// SessionOpen sends the lock and the reads as one batch (one round trip); each statement
// has its own snapshot, so the reads see what committed before the lock was granted. The
// rest of the recording transaction runs generic plans (PlansGeneric).
func (e executor) SessionOpen(ctx context.Context, q store.SessionOpen) (store.SessionOpened, error) {
	var out store.SessionOpened
	calls := []func(ex executor) error{
		plansGeneric(ctx),
		playerLock(ctx, q.UserID),
		func(ex executor) (err error) {
			out.Memory, err = ex.MemoryGetMany(ctx, q.UserID, q.SeasonID, q.QuestionIDs)
			return err
		},
	}
	if q.Levels {
		calls = append(calls, func(ex executor) (err error) {
			out.Levels, err = ex.ReviewLevelCounts(ctx, q.UserID, q.SeasonID)
			return err
		})
	}
	if q.TopicID != "" {
		calls = append(calls, func(ex executor) (err error) {
			out.TopicItems, err = ex.ReviewTopicItems(ctx, q.UserID, q.SeasonID, q.TopicID)
			return err
		})
	}
	if q.ReserveSessionID {
		calls = append(calls, func(ex executor) (err error) {
			out.SessionID, err = ex.q.SessionNextID(ctx)
			return wrap("session next id", err)
		})
	}
	if err := e.pipeline(ctx, calls...); err != nil {
		return store.SessionOpened{}, err
	}
	if out.Memory == nil {
		out.Memory = []store.MemoryState{}
	}
	return out, nil
}

// SessionWrite sends the session row, the writes and the reads after them as one batch.
func (e executor) SessionWrite(ctx context.Context, w store.SessionWrite) (store.SessionWritten, error) {
	out := store.SessionWritten{Credited: make([]bool, len(w.Credits))}
	var calls []func(ex executor) error
	if s := w.Session; s != nil {
		calls = append(calls, func(ex executor) error {
			n, err := ex.q.SessionInsertReserved(ctx, sessionReservedParams(*s))
			out.Taken = err == nil && n == 0
			return wrap("session insert", err)
		})
	}
	if len(w.States) > 0 || len(w.Log) > 0 {
		calls = append(calls, func(ex executor) error { return ex.MemoryRecord(ctx, w.States, w.Log) })
	}
	for i, c := range w.Credits {
		calls = append(calls, func(ex executor) (err error) {
			out.Credited[i], err = ex.XPCredit(ctx, c)
			return err
		})
	}
	if q := w.Quests; len(q.Refs) > 0 {
		calls = append(calls,
			func(ex executor) (err error) {
				out.Quests.Credited, err = ex.ProgressCreditedRefs(ctx, q.UserID, store.XPFromQuest, q.Refs)
				return err
			},
			func(ex executor) (err error) {
				out.Quests.XP, err = ex.ProgressXPByDay(ctx, q.UserID, q.Day, q.Day)
				return err
			})
		if q.SeasonID != "" {
			calls = append(calls, func(ex executor) (err error) {
				out.Quests.Due, err = ex.progressDueSubjects(ctx, q)
				return err
			})
		}
	}
	if r := w.Scores; r != nil {
		calls = append(calls, func(ex executor) error {
			scores, err := ex.LeaderboardUserScores(ctx, r.UserID, r.From, r.To)
			out.Scores = &scores
			return err
		})
	}
	if err := e.pipeline(ctx, calls...); err != nil {
		return store.SessionWritten{}, err
	}
	return out, nil
}

// sessionReservedParams are SessionInsert's columns with the reserved id.
func sessionReservedParams(s store.GameplaySession) pgdb.SessionInsertReservedParams {
	return pgdb.SessionInsertReservedParams{
		ID: s.ID, UserID: s.UserID, InstitutionID: s.InstitutionID, ClientSessionID: s.ClientSessionID, Kind: s.Kind,
		LessonID: s.LessonID, SubjectID: s.SubjectID, TopicID: s.TopicID, SeasonID: s.SeasonID,
		XpEarned: int32(s.XPEarned), Score: int32(s.Score), LocalDay: s.LocalDay, RawData: jsonOrEmpty(s.RawData),
		Response: jsonOrEmpty(s.Response), CreatedAt: s.CreatedAt,
	}
}

// progressDueSubjects is which of q.Subjects whose quest is not credited have a live item
// due at q.Now, each with a Count of 1 (ProgressDueSubjects stops at the first).
func (e executor) progressDueSubjects(ctx context.Context, q store.QuestReads) ([]store.SubjectCount, error) {
	if len(q.Subjects) == 0 {
		return nil, nil
	}
	ids, refs := make([]string, len(q.Subjects)), make([]string, len(q.Subjects))
	for i, s := range q.Subjects {
		if s != nil {
			ids[i] = *s
		}
		if i < len(q.SubjectRefs) {
			refs[i] = q.SubjectRefs[i]
		}
	}
	rows, err := e.q.ProgressDueSubjects(ctx, pgdb.ProgressDueSubjectsParams{SubjectIds: ids, Refs: refs, UserID: q.UserID,
		SeasonID: q.SeasonID, Now: q.Now})
	if err != nil {
		return nil, wrap("progress due subjects", err)
	}
	out := make([]store.SubjectCount, len(rows))
	for i, id := range rows {
		out[i].Count = 1
		if id != "" {
			out[i].SubjectID = &id
		}
	}
	return out, nil
}
