package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) SubjectListAll(ctx context.Context) ([]store.Subject, error) {
	rows, err := e.q.SubjectListAll(ctx)
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
	r, err := e.q.TrackGet(ctx, id)
	if err != nil {
		return store.Track{}, wrap("track get", err)
	}
	return trackRow(r), nil
}

// ContentDelete runs in a savepoint, so a refused delete (a foreign key) leaves an
// enclosing transaction usable.
func (e executor) ContentDelete(ctx context.Context, kind, id string) error {
	pick := map[string]func(*pgdb.Queries) func(context.Context, string) (int64, error){
		store.KindSubject: func(q *pgdb.Queries) func(context.Context, string) (int64, error) { return q.SubjectDelete },
		store.KindTrack:   func(q *pgdb.Queries) func(context.Context, string) (int64, error) { return q.TrackDelete },
		store.KindUnit:    func(q *pgdb.Queries) func(context.Context, string) (int64, error) { return q.UnitDelete },
		store.KindTopic:   func(q *pgdb.Queries) func(context.Context, string) (int64, error) { return q.TopicDelete },
		store.KindLesson:  func(q *pgdb.Queries) func(context.Context, string) (int64, error) { return q.LessonDelete },
	}[kind]
	if pick == nil {
		return fmt.Errorf("content delete: unknown kind %q", kind)
	}
	var n int64
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		var err error
		n, err = pick(q)(ctx, id)
		return err
	})
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "23503":
		return fmt.Errorf("content delete %s %s: %w: %v", kind, id, store.ErrConflict, err)
	case err != nil:
		return wrap("content delete", err)
	case n == 0:
		return fmt.Errorf("content delete %s %s: %w", kind, id, store.ErrNotFound)
	}
	return nil
}
