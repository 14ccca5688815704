package litestore

import (
	"context"

	"memora/internal/store"
)

// SessionOpen runs its statements one by one: SQLite runs in-process, a statement costs no
// round trip.
func (e executor) SessionOpen(ctx context.Context, q store.SessionOpen) (store.SessionOpened, error) {
	return store.SessionOpenSerial(ctx, e, q)
}

// SessionWrite runs its statements one by one (see SessionOpen).
func (e executor) SessionWrite(ctx context.Context, w store.SessionWrite) (store.SessionWritten, error) {
	return store.SessionWriteSerial(ctx, e, w)
}
