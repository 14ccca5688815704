package loadgen

import (
	"context"
	"fmt"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// bulkLoader writes populations with an engine's fastest path.
type bulkLoader interface {
	// maxUserID is the largest user id: the population takes the ids above it.
	maxUserID(ctx context.Context) (int64, error)
	// userIDs lists an institution's users.
	userIDs(ctx context.Context, institution string) ([]int64, error)
	// reset deletes an institution's users and every row of theirs.
	reset(ctx context.Context, institution string) error
	// secondaryIndexes lists a table's plain indexes with the DDL that recreates them.
	secondaryIndexes(ctx context.Context, table string) ([]index, error)
	exec(ctx context.Context, sql string) error
	rowCount(ctx context.Context, table string) (int64, error)
	// load writes the students' rows of every table in one transaction.
	load(ctx context.Context, p *population, students []Student) error
	// finish runs after the last chunk (sequences, statistics).
	finish(ctx context.Context) error
	sizes(ctx context.Context) ([]TableSize, error)
	// writers is how many chunks may load at once.
	writers() int
}

// index is a secondary index and its CREATE statement.
type index struct{ name, ddl string }

// TableSize is a table's footprint after a population.
type TableSize struct {
	Table      string `json:"table"`
	Rows       int64  `json:"rows"`
	HeapBytes  int64  `json:"heap_bytes"`
	IndexBytes int64  `json:"index_bytes"`
	TotalBytes int64  `json:"total_bytes"`
}

func newBulkLoader(st store.Store) (bulkLoader, error) {
	switch s := st.(type) {
	case *pgstore.Store:
		return &pgLoader{pool: s.Pool()}, nil
	case *litestore.Store:
		return &liteLoader{db: s.Writer()}, nil
	}
	return nil, fmt.Errorf("populate: no bulk loader for %T", st)
}
