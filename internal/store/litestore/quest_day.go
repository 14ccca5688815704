package litestore

import (
	"context"

	"memora/internal/store"
)

// QuestDayRead runs its statements one by one: SQLite runs in-process, a statement costs no
// round trip.
func (e executor) QuestDayRead(ctx context.Context, q store.QuestDayReads) (store.QuestDay, error) {
	return store.QuestDayReadSerial(ctx, e, q)
}
