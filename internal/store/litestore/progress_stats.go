package litestore

import (
	"context"

	"memora/internal/store"
)

// ProgressStatsRead runs its statements one by one: SQLite runs in-process, a statement costs
// no round trip.
func (e executor) ProgressStatsRead(ctx context.Context, q store.ProgressStatsReads) (store.ProgressStats, error) {
	return store.ProgressStatsReadSerial(ctx, e, q)
}
