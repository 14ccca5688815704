package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"memora/internal/backup"
	"memora/internal/config"
)

// cmdBackup writes an online copy of a SQLite database (Memora may keep running). It opens
// the file without migrating it, so a newer binary can back up before an upgrade.
func cmdBackup(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: memora backup FILE")
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	if cfg.Database.Engine != config.EngineSQLite {
		return backup.Postgres()
	}
	pages, err := backup.SQLite(ctx, cfg.Database.Path, args[0])
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "backup of %s written to %s (%d pages)\n", cfg.Database.Path, args[0], pages)
	return nil
}

// cmdRestore replaces the configured SQLite database with a backup. Memora must be stopped.
func cmdRestore(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	force := fs.Bool("force", false, "replace a database that already exists")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: memora restore [--force] FILE")
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	if cfg.Database.Engine != config.EngineSQLite {
		return backup.Postgres()
	}
	if _, err := os.Stat(cfg.Database.Path); err == nil && !*force {
		return fmt.Errorf("%s exists: restoring replaces everything in it. Stop Memora, then run again with --force", cfg.Database.Path)
	}
	pages, err := backup.RestoreSQLite(ctx, fs.Arg(0), cfg.Database.Path)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "%s restored from %s (%d pages); start Memora (it applies any newer migrations)\n",
		cfg.Database.Path, fs.Arg(0), pages)
	return nil
}
