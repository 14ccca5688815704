package litestore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

// errRefused rolls back a Safe-Mode admission that one of the limits refused.
var errRefused = errors.New("safe mode: refused")

// SafeModeAdmit counts the window, then the player, in one write transaction: a player
// refused after the window counted them is not counted.
func (e executor) SafeModeAdmit(ctx context.Context, p store.SafeModeAdmitParams) (store.SafeModeAdmission, error) {
	var out store.SafeModeAdmission
	now, since := micros(p.Now), micros(p.Now.Add(-p.Interval))
	err := e.inWrite(ctx, func(q *litedb.Queries) error {
		w, err := q.SafeModeCount(ctx, litedb.SafeModeCountParams{ExpiredBefore: micros(p.Now.Add(-p.Window)), Now: now,
			PerWindow: int64(p.PerWindow)})
		if errors.Is(err, sql.ErrNoRows) {
			cur, err := q.SafeModeWindow(ctx)
			if err != nil {
				return wrap("safe mode window", err)
			}
			out = store.SafeModeAdmission{WindowFull: true, WindowStart: fromMicros(cur.WindowStart)}
			return errRefused
		}
		if err != nil {
			return wrap("safe mode count", err)
		}
		_, err = q.SafeModeServeAgain(ctx, litedb.SafeModeServeAgainParams{Now: now, UserID: p.UserID, Since: since})
		if errors.Is(err, sql.ErrNoRows) {
			_, err = q.SafeModeServeFirst(ctx, litedb.SafeModeServeFirstParams{UserID: p.UserID, Now: now})
		}
		if errors.Is(err, sql.ErrNoRows) {
			at, err := q.SafeModeServedAt(ctx, p.UserID)
			if err != nil {
				return wrap("safe mode served at", err)
			}
			out = store.SafeModeAdmission{ServedAt: fromMicros(at)}
			return errRefused
		}
		if err != nil {
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
	w, err := e.r.SafeModeWindow(ctx)
	if err != nil {
		return time.Time{}, 0, wrap("safe mode window", err)
	}
	if w.Served == 0 {
		return time.Time{}, 0, nil
	}
	return fromMicros(w.WindowStart), int(w.Served), nil
}
