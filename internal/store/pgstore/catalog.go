package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// listBy runs a set-based read and converts its rows.
func listBy[R, T any](ctx context.Context, op string, ids []string,
	query func(context.Context, []string) ([]R, error), conv func(R) T) ([]T, error) {
	if ids == nil {
		ids = []string{}
	}
	rows, err := query(ctx, ids)
	if err != nil {
		return nil, wrap(op, err)
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out, nil
}

func (e executor) SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error) {
	return listBy(ctx, "subject list", ids, e.q.SubjectListByIDs, subjectRow)
}

func (e executor) TrackListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Track, error) {
	return listBy(ctx, "track list", subjectIDs, e.q.TrackListBySubjects, trackRow)
}

func (e executor) UnitListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Unit, error) {
	return listBy(ctx, "unit list", subjectIDs, e.q.UnitListBySubjects, unitRow)
}

func (e executor) TopicListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Topic, error) {
	return listBy(ctx, "topic list", subjectIDs, e.q.TopicListBySubjects, topicRow)
}

func (e executor) LessonListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Lesson, error) {
	return listBy(ctx, "lesson list", subjectIDs, e.q.LessonListBySubjects, lessonRow)
}

func (e executor) UnitGet(ctx context.Context, id string) (store.Unit, error) {
	r, err := e.q.UnitGet(ctx, id)
	if err != nil {
		return store.Unit{}, wrap("unit get", err)
	}
	return unitRow(r), nil
}

func (e executor) TopicGet(ctx context.Context, id string) (store.Topic, error) {
	r, err := e.q.TopicGet(ctx, id)
	if err != nil {
		return store.Topic{}, wrap("topic get", err)
	}
	return topicRow(r), nil
}

func (e executor) LessonCompletedIDs(ctx context.Context, userID int64) ([]string, error) {
	ids, err := e.q.LessonCompletedIDs(ctx, userID)
	if err != nil {
		return nil, wrap("lesson completed ids", err)
	}
	return ids, nil
}

func (e executor) LessonPlayList(ctx context.Context, userID int64, lessonID string) ([]store.LessonPlay, error) {
	rows, err := e.q.LessonPlayList(ctx, pgdb.LessonPlayListParams{UserID: userID, LessonID: &lessonID})
	if err != nil {
		return nil, wrap("lesson play list", err)
	}
	out := make([]store.LessonPlay, len(rows))
	for i, r := range rows {
		out[i] = store.LessonPlay{SessionID: r.ID, CreatedAt: r.CreatedAt, LocalDay: r.LocalDay, Completed: r.Completed}
	}
	return out, nil
}

func (e executor) SessionSetCompleted(ctx context.Context, sessionID int64, completed bool) error {
	n, err := e.q.SessionSetCompleted(ctx, pgdb.SessionSetCompletedParams{Completed: completed, ID: sessionID})
	return affected("session set completed", n, err)
}

func (e executor) AccessGrantsActive(ctx context.Context, userID int64, day time.Time) ([]store.AccessGrant, error) {
	rows, err := e.q.AccessGrantsActive(ctx, pgdb.AccessGrantsActiveParams{UserID: userID, Day: day})
	if err != nil {
		return nil, wrap("access grants", err)
	}
	out := make([]store.AccessGrant, 0, len(rows))
	for _, r := range rows {
		if g, ok := accessGrant(r.SubscriptionType, r.AccessType, r.SubjectID, r.TrackID); ok {
			out = append(out, g)
		}
	}
	return out, nil
}

// accessGrant reads one subscription/access row; a global subscription grants everything
// whatever its rows, and a specific one without rows grants nothing.
func accessGrant(subscriptionType string, accessType, subject, track *string) (store.AccessGrant, bool) {
	switch {
	case subscriptionType == store.SubscriptionGlobal:
		return store.AccessGrant{Type: store.AccessGlobal}, true
	case accessType == nil:
		return store.AccessGrant{}, false
	}
	return store.AccessGrant{Type: *accessType, SubjectID: subject, TrackID: track}, true
}

// PlayerLock locks the player's profile row and makes the rest of the transaction run
// generic plans (PlansGeneric), in one round trip.
func (e executor) PlayerLock(ctx context.Context, userID int64) error {
	return e.pipeline(ctx, plansGeneric(ctx), playerLock(ctx, userID))
}

// plansGeneric and playerLock are PlayerLock's statements, for the batches that start with it.
func plansGeneric(ctx context.Context) func(ex executor) error {
	return func(ex executor) error { return wrap("plans generic", ex.q.PlansGeneric(ctx)) }
}

func playerLock(ctx context.Context, userID int64) func(ex executor) error {
	return func(ex executor) error {
		_, err := ex.q.PlayerLock(ctx, userID)
		return wrap("player lock", err)
	}
}
