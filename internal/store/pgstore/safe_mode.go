package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// errRefused rolls back a Safe-Mode admission that one of the limits refused.
var errRefused = errors.New("safe mode: refused")

// SafeModeAdmit counts the window (the row lock of the one counter row serializes the
// instances), then the player, in one transaction: a player refused after the window
// counted them is not counted.
func (e executor) SafeModeAdmit(ctx context.Context, p store.SafeModeAdmitParams) (store.SafeModeAdmission, error) {
	var out store.SafeModeAdmission
	since := p.Now.Add(-p.Interval)
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		w, err := q.SafeModeCount(ctx, pgdb.SafeModeCountParams{ExpiredBefore: p.Now.Add(-p.Window), Now: p.Now,
			PerWindow: int32(min(p.PerWindow, 1<<31-1))})
		if errors.Is(err, pgx.ErrNoRows) {
			cur, err := q.SafeModeWindow(ctx)
			if err != nil {
				return wrap("safe mode window", err)
			}
			out = store.SafeModeAdmission{WindowFull: true, WindowStart: cur.WindowStart.UTC()}
			return errRefused
		}
		if err != nil {
			return wrap("safe mode count", err)
		}
		if _, err := q.SafeModeServe(ctx, pgdb.SafeModeServeParams{UserID: p.UserID, Now: p.Now, Since: since}); errors.Is(err, pgx.ErrNoRows) {
			at, err := q.SafeModeServedAt(ctx, p.UserID)
			if err != nil {
				return wrap("safe mode served at", err)
			}
			out = store.SafeModeAdmission{ServedAt: at.UTC()}
			return errRefused
		} else if err != nil {
			return wrap("safe mode serve", err)
		}
		if w.Served == 1 {
			if err := q.SafeModeForget(ctx, since); err != nil {
				return wrap("safe mode forget", err)
			}
		}
		out.Admitted = true
		return nil
	})
	if errors.Is(err, errRefused) {
		return out, nil
	}
	return out, err
}

func (e executor) SafeModeServed(ctx context.Context) (time.Time, int, error) {
	w, err := e.q.SafeModeWindow(ctx)
	if err != nil {
		return time.Time{}, 0, wrap("safe mode window", err)
	}
	if w.Served == 0 {
		return time.Time{}, 0, nil
	}
	return w.WindowStart.UTC(), int(w.Served), nil
}
