package store

import (
	"context"
	"strings"
	"time"
)

// PartitionName is the memory-state partition of a season (original §4.7): "p_" and the
// season lower-cased with '-', '.' and ' ' turned into '_', truncated to 50 characters.
func PartitionName(seasonID string) string {
	name := strings.NewReplacer("-", "_", ".", "_", " ", "_").Replace(strings.ToLower(seasonID))
	name = "p_" + name
	if len(name) > 50 {
		name = name[:50]
	}
	return name
}

// PartitionStat describes one partition of memory_state or archived_memory_state.
// Rows is the planner's estimate (exact counts would scan every partition).
type PartitionStat struct {
	Table      string
	Parent     string
	SeasonID   string // "" for the default partition
	Rows       int64
	TableBytes int64
	IndexBytes int64
}

// MemoryDue is a memory-state key with its due time: what the schedule cache holds.
type MemoryDue struct {
	UserID     int64
	SeasonID   string
	QuestionID string
	Due        time.Time
}

// MemoryPageParams pages through a season's live (not retired) memory state in key order,
// after (AfterUserID, AfterQuestionID); the zero key starts at the beginning.
type MemoryPageParams struct {
	SeasonID        string
	AfterUserID     int64
	AfterQuestionID string
	Limit           int
}

// MemorySampleParams reads up to Limit live rows of the seasons in key order from the first
// player whose id is at least FromUserID, skipping rows changed after UpdatedBefore
// (writes in flight). UntilUserID, when > 0, stops before that player (a wrapped window).
type MemorySampleParams struct {
	SeasonIDs     []string
	FromUserID    int64
	UntilUserID   int64
	UpdatedBefore time.Time
	Limit         int
}

// ArchiveParams archives a season's memory state. BatchSize bounds each transaction that
// copies rows (SQLite, and stray rows of PostgreSQL's default partition).
type ArchiveParams struct {
	SeasonID   string
	ArchivedAt time.Time
	BatchSize  int
}

// ArchiveCounts are a season's rows, live and archived.
type ArchiveCounts struct {
	Active   int64
	Archived int64
	Eligible int64
}

// SeasonExecutor holds the season lifecycle, memory-state partitions, archival and the
// scans that reconciliation and cache rebuilds make.
type SeasonExecutor interface {
	// SeasonInsert creates a season; ErrConflict when the id exists.
	SeasonInsert(ctx context.Context, s Season) error
	// SeasonActivate makes id the only active season; ErrNotFound when it does not exist.
	SeasonActivate(ctx context.Context, id string) error
	SeasonSetPartitionCreated(ctx context.Context, id string, created bool) error
	// SeasonMarkArchived records the archive time, clears auto_archive and drops the
	// teachers' pushes of the season's items (review_pushes), in one transaction.
	SeasonMarkArchived(ctx context.Context, id string, at time.Time) error
	// SeasonListAutoArchiveDue lists inactive, unarchived seasons with auto_archive whose
	// end date is before today.
	SeasonListAutoArchiveDue(ctx context.Context, today time.Time) ([]Season, error)

	// SeasonPartitionEnsure gives the season its own memory-state partition, moving any of
	// its rows out of the default partition. It reports whether the engine partitions at
	// all (false on SQLite); an existing partition is success.
	SeasonPartitionEnsure(ctx context.Context, seasonID string) (bool, error)
	SeasonPartitionStats(ctx context.Context) ([]PartitionStat, error)

	// MemoryArchiveSeason moves the season's memory state to the archive and returns how
	// many rows moved. Call it outside a transaction: it runs its own, bounded ones.
	MemoryArchiveSeason(ctx context.Context, p ArchiveParams) (int64, error)
	ArchiveCountsGet(ctx context.Context, seasonID string) (ArchiveCounts, error)
	// ArchiveFlagEligible flags archived rows archived before cutoff for deletion.
	ArchiveFlagEligible(ctx context.Context, cutoff time.Time) (int64, error)
	// ArchiveDeleteEligible deletes flagged rows (of one season, or all when seasonID is
	// ""), at most batch rows per transaction.
	ArchiveDeleteEligible(ctx context.Context, seasonID string, batch int) (int64, error)

	MemorySeasonCount(ctx context.Context, seasonID string) (int64, error)
	MemorySeasonPage(ctx context.Context, p MemoryPageParams) ([]MemoryDue, error)
	// MemoryCountUpTo counts the live rows of the seasons changed before updatedBefore,
	// stopping at limit (so it costs at most limit index entries).
	MemoryCountUpTo(ctx context.Context, seasonIDs []string, updatedBefore time.Time, limit int) (int64, error)
	// MemoryUserRange is the smallest and largest player id holding rows of the seasons.
	MemoryUserRange(ctx context.Context, seasonIDs []string) (lo, hi int64, err error)
	MemorySample(ctx context.Context, p MemorySampleParams) ([]MemoryDue, error)
}

// TxHandle is implemented by the executors InTx hands out: the driver transaction
// (pgx.Tx on PostgreSQL, *sql.Tx on SQLite), so a job queue can enqueue in the same
// transaction as the data it concerns.
type TxHandle interface {
	DriverTx() any
}
