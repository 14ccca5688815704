package loadgen

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgLoader loads through COPY (binary protocol), one transaction per chunk of students,
// memory_state straight into the season's partition when it has one.
type pgLoader struct {
	pool      *pgxpool.Pool
	partition string // memory_state's leaf for the season, "" for routing by the parent
	// analyzed is set once the partition has statistics. Copied rows are not analyzed
	// until the end (autovacuum may be off), and a partition the planner still believes
	// empty has the level recount of every later chunk scan all of it: at 40M rows each
	// chunk took minutes. Analyzed after its first chunk, it is read by its key.
	analyzed atomic.Bool
}

func (l *pgLoader) writers() int { return 2 }

func (l *pgLoader) maxUserID(ctx context.Context) (int64, error) {
	var id int64
	err := l.pool.QueryRow(ctx, sqlMaxUserID).Scan(&id)
	return id, wrapLoad("max user id", err)
}

func (l *pgLoader) userIDs(ctx context.Context, institution string) ([]int64, error) {
	rows, err := l.pool.Query(ctx, pgPlaceholders(sqlLoadgenUserIDs), institution)
	if err != nil {
		return nil, wrapLoad("user ids", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, wrapLoad("user ids", err)
}

func (l *pgLoader) reset(ctx context.Context, institution string) error {
	return pgx.BeginFunc(ctx, l.pool, func(tx pgx.Tx) error {
		for _, q := range sqlResetLoadgen {
			if _, err := tx.Exec(ctx, pgPlaceholders(q), institution); err != nil {
				return wrapLoad("reset", err)
			}
		}
		return nil
	})
}

func pgPlaceholders(q string) string { return strings.ReplaceAll(q, "?", "$1") }

func (l *pgLoader) secondaryIndexes(ctx context.Context, table string) ([]index, error) {
	rows, err := l.pool.Query(ctx, pgSecondaryIndexes, table)
	if err != nil {
		return nil, wrapLoad("indexes", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (index, error) {
		var ix index
		err := r.Scan(&ix.name, &ix.ddl)
		// A partitioned table's index reads "ON ONLY t": built that way it would cover the
		// parent alone (invalid, no partition indexed). Rebuild it across the partitions.
		ix.ddl = strings.Replace(ix.ddl, " ON ONLY ", " ON ", 1)
		return ix, err
	})
}

// exec runs DDL on one connection with room to sort (index builds).
func (l *pgLoader) exec(ctx context.Context, sql string) error {
	conn, err := l.pool.Acquire(ctx)
	if err != nil {
		return wrapLoad("exec", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, pgIndexMemory); err != nil {
		return wrapLoad("exec", err)
	}
	_, err = conn.Exec(ctx, sql)
	return wrapLoad("exec", err)
}

// rowCount is the planner's estimate: counting 100M rows to decide on indexes is not worth it.
func (l *pgLoader) rowCount(ctx context.Context, table string) (int64, error) {
	var n int64
	err := l.pool.QueryRow(ctx, pgRowEstimate, table).Scan(&n)
	return n, wrapLoad("row count", err)
}

// usePartitionOf makes memory_state rows go straight to the season's partition if it has one.
func (l *pgLoader) usePartitionOf(ctx context.Context, season string) error {
	err := l.pool.QueryRow(ctx, pgSeasonPartition, season).Scan(&l.partition)
	if errors.Is(err, pgx.ErrNoRows) {
		l.partition = ""
		return nil
	}
	return wrapLoad("season partition", err)
}

func (l *pgLoader) load(ctx context.Context, p *population, students []Student) error {
	err := pgx.BeginFunc(ctx, l.pool, func(tx pgx.Tx) error {
		// A crash loses the chunk, which a re-run with --reset writes again: no need to wait
		// for the WAL flush of every chunk.
		if _, err := tx.Exec(ctx, pgFastCommit); err != nil {
			return wrapLoad("copy", err)
		}
		for t, table := range bulkTables {
			name := table.name
			if name == "memory_state" && l.partition != "" {
				name = l.partition
			}
			src := &copySource{p: p, students: students, table: t, buf: make([]any, 0, len(table.cols))}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{name}, table.cols, src); err != nil {
				return wrapLoad("copy "+name, err)
			}
		}
		if l.partition == "" {
			return nil // through memory_state: its triggers counted the levels
		}
		ids := make([]int64, len(students))
		for i, s := range students {
			ids[i] = s.UserID
		}
		if _, err := tx.Exec(ctx, pgRecountLevels, ids); err != nil {
			return wrapLoad("level counts", err)
		}
		return nil
	})
	if err != nil || l.partition == "" || l.analyzed.Swap(true) {
		return err
	}
	_, err = l.pool.Exec(ctx, "ANALYZE "+pgx.Identifier{l.partition}.Sanitize())
	return wrapLoad("analyze "+l.partition, err)
}

func (l *pgLoader) finish(ctx context.Context) error {
	if _, err := l.pool.Exec(ctx, pgResetUserSeq); err != nil {
		return wrapLoad("user id sequence", err)
	}
	// VACUUM as well as ANALYZE: it sets the visibility map (index-only scans, as a table in
	// steady state allows) and gives back the pages a --reset emptied.
	for _, t := range bulkTables {
		if _, err := l.pool.Exec(ctx, "VACUUM (ANALYZE) "+pgx.Identifier{t.name}.Sanitize()); err != nil {
			return wrapLoad("vacuum", err)
		}
	}
	return nil
}

func (l *pgLoader) sizes(ctx context.Context) ([]TableSize, error) {
	out := make([]TableSize, 0, len(bulkTables))
	for _, t := range bulkTables {
		ts := TableSize{Table: t.name}
		if err := l.pool.QueryRow(ctx, pgTableSizes, t.name).Scan(&ts.HeapBytes, &ts.IndexBytes, &ts.TotalBytes); err != nil {
			return nil, wrapLoad("sizes", err)
		}
		if err := l.pool.QueryRow(ctx, sqlCount+pgx.Identifier{t.name}.Sanitize()).Scan(&ts.Rows); err != nil {
			return nil, wrapLoad("count", err)
		}
		out = append(out, ts)
	}
	return out, nil
}

// copySource streams one table's rows of a chunk of students to COPY.
type copySource struct {
	p        *population
	students []Student
	table    int
	s, i     int // current student, row within it
	buf      []any
	row      []any
}

func (c *copySource) Next() bool {
	for c.s < len(c.students) {
		st := &c.students[c.s]
		if c.i < c.p.count(c.table, st) {
			c.row = c.p.row(c.table, st, c.i, pgCodec, c.buf)
			c.i++
			return true
		}
		c.s, c.i = c.s+1, 0
	}
	return false
}

func (c *copySource) Values() ([]any, error) { return c.row, nil }
func (c *copySource) Err() error             { return nil }

func wrapLoad(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("populate: %s: %w", op, err)
}
