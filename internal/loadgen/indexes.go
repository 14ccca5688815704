package loadgen

import (
	"context"
	"fmt"
	"io"
	"time"
)

// dropIndexesFor drops the plain indexes of the tables a load is about to grow a lot (per
// opt.IndexMode) and returns them, to be built once after the load: one sorted build is
// several times faster than maintaining a B-tree through millions of random inserts.
// Primary keys and unique constraints stay, so the load is still checked.
func dropIndexesFor(ctx context.Context, loader bulkLoader, opt PopulateOptions, cat *Catalog) ([]index, error) {
	if opt.IndexMode == IndexKeep {
		return nil, nil
	}
	n := int64(opt.Students)
	adding := []struct {
		table string
		rows  int64
	}{
		{"memory_state", n * int64(min(opt.Records, len(cat.Atoms)))},
		{"gameplay_sessions", n * int64(opt.Sessions)},
		{"xp_ledger", n * int64(opt.Sessions)},
	}
	log := opt.Progress
	if log == nil {
		log = io.Discard
	}
	var dropped []index
	for _, a := range adding {
		table, add := a.table, a.rows
		if opt.IndexMode == IndexAuto {
			have, err := loader.rowCount(ctx, table)
			if err != nil {
				return dropped, err
			}
			if add < 1_000_000 || add < have {
				continue
			}
		}
		ixs, err := loader.secondaryIndexes(ctx, table)
		if err != nil {
			return dropped, err
		}
		for _, ix := range ixs {
			// Said before dropping: if the load dies, these statements restore the schema.
			fmt.Fprintf(log, "populate: dropping %s until the load ends; to restore by hand: %s;\n", ix.name, ix.ddl)
			if err := loader.exec(ctx, "DROP INDEX "+ix.name); err != nil {
				return dropped, err
			}
			dropped = append(dropped, ix)
		}
	}
	return dropped, nil
}

// rebuildIndexes recreates dropped indexes and reports how long it took.
func rebuildIndexes(ctx context.Context, loader bulkLoader, dropped []index) (time.Duration, error) {
	if len(dropped) == 0 {
		return 0, nil
	}
	start := time.Now()
	for _, ix := range dropped {
		if err := loader.exec(ctx, ix.ddl); err != nil {
			return time.Since(start), fmt.Errorf("populate: rebuild %s (%s): %w", ix.name, ix.ddl, err)
		}
	}
	return time.Since(start), nil
}
