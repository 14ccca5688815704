package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"memora/internal/store"
)

// Partition DDL is the one place SQL lives outside the query files: table names are
// derived from season ids at run time, which sqlc cannot express. Season ids are quoted as
// literals and partition names as identifiers; both are also validated upstream.

// partitionLock serializes partition DDL across processes (two servers running the daily
// maintenance, an archive racing a season creation).
const partitionLock = `SELECT pg_advisory_xact_lock(hashtext('memora.memory_state.partitions'))`

// ddlLockTimeout bounds the wait for memory_state's lock: DETACH needs it exclusively, and
// while it waits every review queues behind it. Better to fail the archive (and retry)
// than to stall reviews behind a long query.
const ddlLockTimeout = `SET LOCAL lock_timeout = '5s'`

const findPartition = `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = $1::regclass AND pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%L)', $2::text)`

// SeasonPartitionEnsure creates the season's partition of memory_state if it has none.
// The table is built detached, with a CHECK (season_id = …) constraint, so that ATTACH
// needs no validation scan now and a later ATTACH to the archive needs none either. Rows of
// the season already in the default partition move into it in the same transaction.
func (e executor) SeasonPartitionEnsure(ctx context.Context, seasonID string) (bool, error) {
	err := pgx.BeginFunc(ctx, e.db, func(tx pgx.Tx) error {
		if err := execAll(ctx, tx, []string{partitionLock, ddlLockTimeout}); err != nil {
			return err
		}
		if existing, err := partitionOf(ctx, tx, "memory_state", seasonID); err != nil || existing != "" {
			return err
		}
		name := store.PartitionName(seasonID)
		taken, err := relationExists(ctx, tx, name)
		if err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("partition name %s is taken by another table", name)
		}
		return createPartition(ctx, tx, name, seasonID)
	})
	if err != nil {
		return true, wrap("season partition ensure", err)
	}
	return true, nil
}

func createPartition(ctx context.Context, tx pgx.Tx, name, seasonID string) error {
	ident, lit := quoteIdent(name), quoteLiteral(seasonID)
	stmts := []string{
		// Room on each page for answers' updates to stay HOT (migration 00050).
		fmt.Sprintf(`CREATE TABLE %s (LIKE memory_state INCLUDING DEFAULTS) WITH (fillfactor = 90)`, ident),
		fmt.Sprintf(`ALTER TABLE %s ADD CONSTRAINT %s CHECK (season_id = %s)`, ident, quoteIdent(name+"_season"), lit),
		fmt.Sprintf(`INSERT INTO %s SELECT * FROM memory_state_default WHERE season_id = %s`, ident, lit),
		fmt.Sprintf(`DELETE FROM memory_state_default WHERE season_id = %s`, lit),
		fmt.Sprintf(`ALTER TABLE memory_state ATTACH PARTITION %s FOR VALUES IN (%s)`, ident, lit),
	}
	return execAll(ctx, tx, stmts)
}

// archivePartition moves the season's memory_state partition under archived_memory_state:
// DETACH, add the archive columns with constant defaults (no table rewrite), ATTACH (no
// scan, thanks to the CHECK constraint). Its cost does not depend on the number of rows.
// It returns the archived table ("" when the season has no partition, or its archive
// partition already exists) and how many stray rows of the archive's default partition
// it absorbed.
func (e executor) archivePartition(ctx context.Context, p store.ArchiveParams) (string, int64, error) {
	var (
		table  string
		merged int64
	)
	err := pgx.BeginFunc(ctx, e.db, func(tx pgx.Tx) error {
		if err := execAll(ctx, tx, []string{partitionLock, ddlLockTimeout}); err != nil {
			return err
		}
		live, err := partitionOf(ctx, tx, "memory_state", p.SeasonID)
		if err != nil || live == "" {
			return err
		}
		if archived, err := partitionOf(ctx, tx, "archived_memory_state", p.SeasonID); err != nil || archived != "" {
			return err // archived before: the rows move in batches instead
		}
		table = "archived_" + live
		merged, err = switchPartition(ctx, tx, live, table, p)
		return err
	})
	if err != nil {
		return "", 0, wrap("archive partition", err)
	}
	return table, merged, nil
}

func switchPartition(ctx context.Context, tx pgx.Tx, live, table string, p store.ArchiveParams) (int64, error) {
	ident, lit := quoteIdent(table), quoteLiteral(p.SeasonID)
	err := execAll(ctx, tx, []string{
		fmt.Sprintf(`ALTER TABLE memory_state DETACH PARTITION %s`, quoteIdent(live)),
		// DETACH fires no trigger: the season's level counts (00150) go with its rows.
		fmt.Sprintf(`DELETE FROM memory_level_counts WHERE season_id = %s`, lit),
		fmt.Sprintf(`ALTER TABLE %s RENAME TO %s`, quoteIdent(live), ident),
		fmt.Sprintf(`ALTER TABLE %s ADD COLUMN archived_at TIMESTAMPTZ NOT NULL DEFAULT %s,
			ADD COLUMN eligible_for_deletion BOOLEAN NOT NULL DEFAULT FALSE`,
			ident, quoteLiteral(p.ArchivedAt.UTC().Format(time.RFC3339Nano))),
	})
	if err != nil {
		return 0, err
	}
	// Rows of this season in the archive's default partition would make ATTACH fail; there
	// are none unless the season was archived before it had a partition.
	tag, err := tx.Exec(ctx, fmt.Sprintf(`WITH moved AS (DELETE FROM archived_memory_state_default WHERE season_id = %s RETURNING *)
		INSERT INTO %s SELECT * FROM moved ON CONFLICT DO NOTHING`, lit, ident))
	if err != nil {
		return 0, err
	}
	err = execAll(ctx, tx, []string{
		fmt.Sprintf(`ALTER TABLE archived_memory_state ATTACH PARTITION %s FOR VALUES IN (%s)`, ident, lit),
	})
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), dropLooseIndexes(ctx, tx, table)
}

// dropLooseIndexes drops the live table's indexes that the archive does not have (the
// due and topic indexes): the archive is never queried by them.
func dropLooseIndexes(ctx context.Context, tx pgx.Tx, table string) error {
	rows, err := tx.Query(ctx, `SELECT format('%I', ic.relname) FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
		WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)`, quoteIdent(table))
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.Exec(ctx, "DROP INDEX "+n); err != nil {
			return err
		}
	}
	return nil
}

func partitionOf(ctx context.Context, tx pgx.Tx, parent, seasonID string) (string, error) {
	var name string
	err := tx.QueryRow(ctx, findPartition, parent, seasonID).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return name, err
}

func relationExists(ctx context.Context, tx pgx.Tx, name string) (bool, error) {
	var exists bool
	err := tx.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, quoteIdent(name)).Scan(&exists)
	return exists, err
}

func execAll(ctx context.Context, tx pgx.Tx, stmts []string) error {
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

func quoteIdent(name string) string { return pgx.Identifier{name}.Sanitize() }

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
