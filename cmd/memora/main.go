// Command memora is the whole platform in one binary: the HTTP server with its worker, the
// worker alone, migrations, demo content, imports, user administration, and the scheduler
// evaluation.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"memora/internal/buildinfo"
)

const usage = `memora — a gamified learning platform with spaced repetition

Usage:
  memora serve [--demo]        run the HTTP server (and the background worker)
  memora worker                run only the background worker
  memora migrate               apply database migrations and exit
  memora demo                  load the demo institution (demo accounts get the demo password)
  memora import FILE           load an import file (see docs/import.md)
  memora user create|role|password|apikey|joincode|export|erase ...
  memora srs eval|optimize|simulate|forecast --log FILE   score schedulers, fit FSRS-6, simulate students, forecast review minutes
  memora loadgen populate|run|floor ...   synthetic students, load runs and their floor
  memora backup FILE           online copy of the SQLite database (PostgreSQL: pg_dump, see docs/deploy.md)
  memora restore [--force] FILE   replace the SQLite database with a backup (Memora stopped)
  memora version               print the version, commit and Go version

Every command and sub-command takes --help (or -h): it prints the usage and does nothing else.

Configuration comes from MEMORA_* environment variables (see README).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "memora:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if text, ok := helpRequest(args); ok {
		printHelp(stdout, text) // and nothing else
		return nil
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("a sub-command is required")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, stdout)
	case "worker":
		return cmdWorker(ctx, rest)
	case "migrate":
		return cmdMigrate(ctx, rest, stdout)
	case "demo":
		return cmdDemo(ctx, rest, stdout)
	case "import":
		return cmdImport(ctx, rest, stdout)
	case "user":
		return cmdUser(ctx, rest, stdout)
	case "srs":
		return cmdSRS(ctx, rest, stdout)
	case "loadgen":
		return cmdLoadgen(ctx, rest, stdout)
	case "backup":
		return cmdBackup(ctx, rest, stdout)
	case "restore":
		return cmdRestore(ctx, rest, stdout)
	case "version":
		fmt.Fprintln(stdout, buildinfo.Read())
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown sub-command %q", cmd)
	}
}
