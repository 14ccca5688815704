package pgstore

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

var _ store.TxHandle = executor{}

// DriverTx is the pgx.Tx of a transaction's executor (nil outside one).
func (e executor) DriverTx() any {
	if e.tx == nil {
		return nil
	}
	return e.tx
}

func (e executor) SeasonInsert(ctx context.Context, s store.Season) error {
	return wrap("season insert", e.q.SeasonInsert(ctx, pgdb.SeasonInsertParams{
		ID: s.ID, Title: s.Title, TitleEn: s.TitleEN, StartDate: s.StartDate, EndDate: s.EndDate,
		IsActive: s.IsActive, EnableRedis: s.EnableRedis, AutoArchive: s.AutoArchive, Scheduler: s.Scheduler,
		DesiredRetention: s.DesiredRetention, GradeMapping: s.GradeMapping, FsrsWeights: s.FSRSWeights,
		CreatedAt: s.CreatedAt, ExamDate: s.ExamDate, ExamTarget: s.ExamTarget,
	}))
}

func (e executor) SeasonActivate(ctx context.Context, id string) error {
	n, err := e.q.SeasonActivate(ctx, id)
	return affected("season activate", n, err)
}

func (e executor) SeasonSetPartitionCreated(ctx context.Context, id string, created bool) error {
	n, err := e.q.SeasonSetPartitionCreated(ctx, pgdb.SeasonSetPartitionCreatedParams{ID: id, Created: created})
	return affected("season set partition created", n, err)
}

func (e executor) SeasonMarkArchived(ctx context.Context, id string, at time.Time) error {
	return e.inWrite(ctx, func(q *pgdb.Queries) error {
		n, err := q.SeasonMarkArchived(ctx, pgdb.SeasonMarkArchivedParams{ID: id, ArchivedAt: &at})
		if err := affected("season mark archived", n, err); err != nil {
			return err
		}
		_, err = q.SeasonPushesDelete(ctx, id)
		return wrap("season pushes delete", err)
	})
}

func (e executor) SeasonListAutoArchiveDue(ctx context.Context, today time.Time) ([]store.Season, error) {
	rows, err := e.q.SeasonListAutoArchiveDue(ctx, today)
	out := make([]store.Season, len(rows))
	for i, r := range rows {
		out[i] = season(r)
	}
	return out, wrap("season list auto-archive due", err)
}

const partitionStats = `SELECT c.relname, p.relname, pg_get_expr(c.relpartbound, c.oid),
	greatest(c.reltuples, 0)::bigint, pg_table_size(c.oid), pg_indexes_size(c.oid)
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
WHERE p.relname IN ('memory_state', 'archived_memory_state')
ORDER BY p.relname DESC, c.relname`

// SeasonPartitionStats lists the partitions of the live and archived memory state with
// the planner's row estimate and on-disk sizes (no table is scanned).
func (e executor) SeasonPartitionStats(ctx context.Context) ([]store.PartitionStat, error) {
	rows, err := e.db.Query(ctx, partitionStats)
	if err != nil {
		return nil, wrap("partition stats", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.PartitionStat, error) {
		var s store.PartitionStat
		var bound string
		err := r.Scan(&s.Table, &s.Parent, &bound, &s.Rows, &s.TableBytes, &s.IndexBytes)
		s.SeasonID = boundSeason(bound)
		return s, err
	})
	return out, wrap("partition stats", err)
}

// boundSeason reads the season out of "FOR VALUES IN ('SEASON-2026')" ("" for DEFAULT).
func boundSeason(bound string) string {
	v, ok := strings.CutPrefix(bound, "FOR VALUES IN ('")
	if !ok {
		return ""
	}
	v, _ = strings.CutSuffix(v, "')")
	return strings.ReplaceAll(v, "''", "'")
}

// MemoryArchiveSeason archives by partition exchange when the season has its own
// partition, then moves any of its rows left in the default partition in batches.
func (e executor) MemoryArchiveSeason(ctx context.Context, p store.ArchiveParams) (int64, error) {
	if p.BatchSize <= 0 {
		p.BatchSize = 5000
	}
	table, merged, err := e.archivePartition(ctx, p)
	if err != nil {
		return 0, err
	}
	var total int64
	if table != "" {
		// Counted after the switch has committed: a read that holds no lock on memory_state.
		var n int64
		if err := e.db.QueryRow(ctx, "SELECT count(*) FROM "+quoteIdent(table)).Scan(&n); err != nil {
			return 0, wrap("memory archive count", err)
		}
		total = n - merged
	}
	for {
		n, err := e.q.MemoryArchiveBatch(ctx, pgdb.MemoryArchiveBatchParams{
			ArchivedAt: p.ArchivedAt, SeasonID: p.SeasonID, Lim: int32(p.BatchSize),
		})
		if err != nil {
			return total, wrap("memory archive batch", err)
		}
		total += n
		if n < int64(p.BatchSize) {
			return total, nil
		}
	}
}

func (e executor) ArchiveCountsGet(ctx context.Context, seasonID string) (store.ArchiveCounts, error) {
	active, err := e.q.MemorySeasonCount(ctx, seasonID)
	if err != nil {
		return store.ArchiveCounts{}, wrap("archive counts", err)
	}
	r, err := e.q.ArchiveCounts(ctx, seasonID)
	if err != nil {
		return store.ArchiveCounts{}, wrap("archive counts", err)
	}
	return store.ArchiveCounts{Active: active, Archived: r.Archived, Eligible: r.Eligible}, nil
}

func (e executor) ArchiveFlagEligible(ctx context.Context, cutoff time.Time) (int64, error) {
	n, err := e.q.ArchiveFlagEligible(ctx, cutoff)
	return n, wrap("archive flag eligible", err)
}

func (e executor) ArchiveDeleteEligible(ctx context.Context, seasonID string, batch int) (int64, error) {
	if batch <= 0 {
		batch = 5000
	}
	var total int64
	for {
		n, err := e.q.ArchiveDeleteEligible(ctx, pgdb.ArchiveDeleteEligibleParams{SeasonID: seasonID, Lim: int32(batch)})
		if err != nil {
			return total, wrap("archive delete eligible", err)
		}
		total += n
		if n < int64(batch) {
			return total, nil
		}
	}
}
