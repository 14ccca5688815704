package loadgen

import (
	"context"
	"database/sql"
	"errors"
)

// liteLoader loads through the single writer connection: one transaction per chunk of
// students (tens of thousands of rows), one prepared INSERT per table.
type liteLoader struct {
	db *sql.DB
}

func (l *liteLoader) writers() int { return 1 }

func (l *liteLoader) maxUserID(ctx context.Context) (int64, error) {
	var id int64
	err := l.db.QueryRowContext(ctx, sqlMaxUserID).Scan(&id)
	return id, wrapLoad("max user id", err)
}

func (l *liteLoader) userIDs(ctx context.Context, institution string) ([]int64, error) {
	rows, err := l.db.QueryContext(ctx, sqlLoadgenUserIDs, institution)
	if err != nil {
		return nil, wrapLoad("user ids", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrapLoad("user ids", err)
		}
		ids = append(ids, id)
	}
	return ids, wrapLoad("user ids", rows.Err())
}

func (l *liteLoader) reset(ctx context.Context, institution string) error {
	return l.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range sqlResetLoadgen {
			if _, err := tx.ExecContext(ctx, q, institution); err != nil {
				return wrapLoad("reset", err)
			}
		}
		return nil
	})
}

func (l *liteLoader) secondaryIndexes(ctx context.Context, table string) ([]index, error) {
	rows, err := l.db.QueryContext(ctx, liteSecondaryIndexes, table)
	if err != nil {
		return nil, wrapLoad("indexes", err)
	}
	defer rows.Close()
	var out []index
	for rows.Next() {
		var ix index
		if err := rows.Scan(&ix.name, &ix.ddl); err != nil {
			return nil, wrapLoad("indexes", err)
		}
		out = append(out, ix)
	}
	return out, wrapLoad("indexes", rows.Err())
}

func (l *liteLoader) exec(ctx context.Context, q string) error {
	_, err := l.db.ExecContext(ctx, q)
	return wrapLoad("exec", err)
}

func (l *liteLoader) rowCount(ctx context.Context, table string) (int64, error) {
	var n int64
	err := l.db.QueryRowContext(ctx, sqlCount+table).Scan(&n)
	return n, wrapLoad("row count", err)
}

func (l *liteLoader) load(ctx context.Context, p *population, students []Student) error {
	return l.inTx(ctx, func(tx *sql.Tx) error {
		buf := make([]any, 0, len(colsMemory))
		for t, table := range bulkTables {
			stmt, err := tx.PrepareContext(ctx, insertSQL(table.name, table.cols))
			if err != nil {
				return wrapLoad("prepare "+table.name, err)
			}
			for s := range students {
				st := &students[s]
				for i := range p.count(t, st) {
					if _, err := stmt.ExecContext(ctx, p.row(t, st, i, liteCodec, buf)...); err != nil {
						stmt.Close()
						return wrapLoad("insert "+table.name, err)
					}
				}
			}
			if err := stmt.Close(); err != nil {
				return wrapLoad("insert "+table.name, err)
			}
		}
		return nil
	})
}

func (l *liteLoader) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return wrapLoad("begin", err)
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return wrapLoad("commit", tx.Commit())
}

func (l *liteLoader) finish(ctx context.Context) error {
	_, err := l.db.ExecContext(ctx, "ANALYZE")
	return wrapLoad("analyze", err)
}

// sizes reads the dbstat table when the build has it; otherwise only row counts.
func (l *liteLoader) sizes(ctx context.Context) ([]TableSize, error) {
	out := make([]TableSize, 0, len(bulkTables))
	for _, t := range bulkTables {
		ts := TableSize{Table: t.name}
		n, err := l.rowCount(ctx, t.name)
		if err != nil {
			return nil, err
		}
		ts.Rows = n
		if l.db.QueryRowContext(ctx, liteTableSizes, t.name, t.name).Scan(&ts.TotalBytes) == nil &&
			l.db.QueryRowContext(ctx, liteHeapSize, t.name).Scan(&ts.HeapBytes) == nil {
			ts.IndexBytes = ts.TotalBytes - ts.HeapBytes
		}
		out = append(out, ts)
	}
	return out, nil
}
