package season

import (
	"context"

	"memora/internal/store"
)

// ScheduleCache is the Redis review schedule as season operations see it: bulk reads for
// reconciliation, bulk writes for rebuilds, removal of a whole season, and status.
type ScheduleCache interface {
	// Scores reads what the cache holds for each row, in order.
	Scores(ctx context.Context, rows []store.MemoryDue) ([]Cached, error)
	// Correct writes each fix's database due time unless the cache changed since it was
	// read (a review's write after its commit must win), returning how many it wrote.
	Correct(ctx context.Context, fixes []Fix) (int, error)
	// Rebuild writes one page of a season rebuild, grouped by player.
	Rebuild(ctx context.Context, groups []PlayerItems) error
	// DeleteSeason removes every player's schedule of the season, returning how many keys.
	DeleteSeason(ctx context.Context, seasonID string) (int64, error)
	Status(ctx context.Context) (CacheInfo, error)
	SafeMode() bool
}

// Cached is what the cache holds for one memory row.
type Cached struct {
	// KeyExists: the player's schedule exists. A schedule that does not is not a
	// discrepancy: the next read rebuilds it from the database.
	KeyExists bool
	// Complete: the schedule is not marked incomplete (a schedule created by a write
	// before any rebuild holds only what was written; its reader fills in the rest).
	Complete bool
	Found    bool  // the question is in the schedule
	Score    int64 // its due time, Unix seconds
}

// Fix is one correction: set the row's due time, expecting the cache to still hold Seen.
type Fix struct {
	Row  store.MemoryDue
	Seen Cached
}

// PlayerItems are the rows of one player in one page of a rebuild. First: the first page
// holding this player (the old schedule is replaced); Last: no later page holds them.
type PlayerItems struct {
	UserID   int64
	SeasonID string
	Items    []store.MemoryDue
	First    bool
	Last     bool
}

// CacheInfo is the state of the Redis behind the schedule.
type CacheInfo struct {
	Connected    bool
	MemoryUsedMB float64
	TotalKeys    int64
	KeysBySeason map[string]int64
}
