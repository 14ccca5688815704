// Package backup copies a SQLite database while Memora runs, with SQLite's online backup API
// (a consistent snapshot, even with writers in the middle of a transaction), and restores such
// a copy. PostgreSQL databases are backed up with pg_dump (docs/deploy.md); Postgres explains
// how.
package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"

	"modernc.org/sqlite"
)

// backuper is the modernc.org/sqlite connection's backup API.
type backuper interface {
	NewBackup(dstURI string) (*sqlite.Backup, error)
	NewRestore(srcURI string) (*sqlite.Backup, error)
}

// SQLite copies the database at src into the new file dst (it must not exist), online.
func SQLite(ctx context.Context, src, dst string) (pages int, err error) {
	if err := checkSQLiteFile(src); err != nil {
		return 0, err
	}
	if _, err := os.Stat(dst); err == nil {
		return 0, fmt.Errorf("%s already exists: choose a new file for the backup", dst)
	}
	err = withConn(ctx, src, func(c backuper) error {
		b, err := c.NewBackup(dst)
		if err != nil {
			return fmt.Errorf("start backup to %s: %w", dst, err)
		}
		pages, err = run(b)
		return err
	})
	return pages, err
}

// RestoreSQLite replaces the contents of the database at dst with the backup at src. Memora
// must not be running on dst.
func RestoreSQLite(ctx context.Context, src, dst string) (pages int, err error) {
	if err := checkSQLiteFile(src); err != nil {
		return 0, err
	}
	err = withConn(ctx, dst, func(c backuper) error {
		b, err := c.NewRestore(src)
		if err != nil {
			return fmt.Errorf("start restore from %s: %w", src, err)
		}
		pages, err = run(b)
		return err
	})
	return pages, err
}

// run copies every page in one step (SQLite restarts a step when a writer changes the source).
func run(b *sqlite.Backup) (int, error) {
	for {
		more, err := b.Step(-1) // true: pages remain (SQLITE_OK); false: done (SQLITE_DONE)
		if err != nil {
			_ = b.Finish()
			return 0, fmt.Errorf("copy pages: %w", err)
		}
		if !more {
			break
		}
	}
	pages := b.PageCount()
	if err := b.Finish(); err != nil {
		return 0, fmt.Errorf("finish: %w", err)
	}
	return pages, nil
}

func withConn(ctx context.Context, path string, fn func(backuper) error) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(backuper)
		if !ok {
			return errors.New("the SQLite driver has no backup API")
		}
		return fn(c)
	})
}

// checkSQLiteFile refuses anything that is not a SQLite database file, before it is opened
// (opening a missing path would create an empty database).
func checkSQLiteFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%s is not a SQLite database", path)
	}
	return nil
}

// Postgres is the error for a PostgreSQL database: the procedure to follow instead.
func Postgres() error {
	return errors.New("this is a PostgreSQL database: back it up with pg_dump and restore with pg_restore, e.g.\n" +
		"  pg_dump --format=custom --file=memora.dump \"$MEMORA_DATABASE_URL\"\n" +
		"  pg_restore --no-owner --dbname=\"$MEMORA_DATABASE_URL\" memora.dump   (into an empty database, Memora stopped)\n" +
		"see docs/deploy.md, Backups")
}
