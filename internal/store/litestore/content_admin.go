package litestore

import (
	"context"
	"fmt"
	"strings"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) SubjectListAll(ctx context.Context) ([]store.Subject, error) {
	rows, err := e.r.SubjectListAll(ctx)
	if err != nil {
		return nil, wrap("subject list all", err)
	}
	out := make([]store.Subject, len(rows))
	for i, r := range rows {
		out[i] = subjectRow(r)
	}
	return out, nil
}

func (e executor) TrackGet(ctx context.Context, id string) (store.Track, error) {
	r, err := e.r.TrackGet(ctx, id)
	if err != nil {
		return store.Track{}, wrap("track get", err)
	}
	return trackRow(r), nil
}

func (e executor) ContentDelete(ctx context.Context, kind, id string) error {
	pick := map[string]func(*litedb.Queries) func(context.Context, string) (int64, error){
		store.KindSubject: func(q *litedb.Queries) func(context.Context, string) (int64, error) { return q.SubjectDelete },
		store.KindTrack:   func(q *litedb.Queries) func(context.Context, string) (int64, error) { return q.TrackDelete },
		store.KindUnit:    func(q *litedb.Queries) func(context.Context, string) (int64, error) { return q.UnitDelete },
		store.KindTopic:   func(q *litedb.Queries) func(context.Context, string) (int64, error) { return q.TopicDelete },
		store.KindLesson:  func(q *litedb.Queries) func(context.Context, string) (int64, error) { return q.LessonDelete },
	}[kind]
	if pick == nil {
		return fmt.Errorf("content delete: unknown kind %q", kind)
	}
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		n, err := pick(q)(ctx, id)
		switch {
		case err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed"):
			return fmt.Errorf("content delete %s %s: %w: %v", kind, id, store.ErrConflict, err)
		case err != nil:
			return wrap("content delete", err)
		case n == 0:
			return fmt.Errorf("content delete %s %s: %w", kind, id, store.ErrNotFound)
		}
		return nil
	})
}
