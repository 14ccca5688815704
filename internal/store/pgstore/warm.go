package pgstore

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"memora/internal/store/pgstore/pgdb"
)

// Warm opens every connection of the pool (MaxConns) and prepares the statements of a
// student's requests (pgdb.HotQueries) on each; connections opened later (a lost one, one
// past its lifetime) prepare them as they connect. A fresh server would otherwise, under its
// first load, open its connections one by one and send a prepare round trip per statement
// per connection on top of its queries. Call it once, after Open, before serving; it
// returns the first failure (the pool stays usable: what was not prepared is prepared on
// first use, as without Warm).
func (s *Store) Warm(ctx context.Context) error {
	s.warmed.Store(true)
	n := int(s.pool.Config().MaxConns)
	conns := make([]*pgxpool.Conn, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n { // held together, so each is a connection of its own
		wg.Go(func() {
			c, err := s.pool.Acquire(ctx)
			if err != nil {
				errs[i] = fmt.Errorf("pgstore: warm: %w", err)
				return
			}
			conns[i] = c
			errs[i] = prepareHot(ctx, c.Conn())
		})
	}
	wg.Wait()
	for _, c := range conns {
		if c != nil {
			c.Release()
		}
	}
	return errors.Join(errs...)
}

// prepareHot prepares pgdb.HotQueries on c under the names pgx looks statements up by (their
// text), so queries, execs and batches of that text use them with no round trip to prepare.
// A statement prepared already is not sent again.
func prepareHot(ctx context.Context, c *pgx.Conn) error {
	for _, sql := range pgdb.HotQueries() {
		if _, err := c.Prepare(ctx, sql, sql); err != nil {
			return fmt.Errorf("pgstore: prepare: %w", err)
		}
	}
	return nil
}
