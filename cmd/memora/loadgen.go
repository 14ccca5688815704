package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"github.com/redis/go-redis/v9"

	"memora/internal/app"
	"memora/internal/loadgen"
)

const loadgenUsage = `memora loadgen populate [--students N] [--records M] [--sessions S] [--seed X] [--overdue F] [--reset]
                         [--warm-redis] [--indexes auto|keep|rebuild] [--workers W] [--json FILE]
memora loadgen run --url URL [--students V] [--population N] [--records M] [--sessions S] [--seed X]
                   [--mix review=40,submit=20,...|api|pages|browser] [--skip-missing]
                   [--accounts EMAIL,... --password P] [--server-metrics]
                   [--concurrency C | --rate R [--arrivals poisson|uniform] [--max-inflight K]]
                   [--duration D] [--requests N] [--with-floor [--rounds R]] [--json FILE]
memora loadgen floor [the load flags of run, without --url and --mix's other actions] [--json FILE]

populate, floor and run --with-floor use the database and Redis of MEMORA_DATABASE_URL and MEMORA_REDIS_URL.
Use the same --records, --sessions, --seed and --overdue for run and floor as for populate.
run --accounts drives existing students instead (e.g. those of serve --demo), without populate.`

func cmdLoadgen(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage:\n%s", loadgenUsage)
	}
	switch args[0] {
	case "populate":
		return loadgenPopulate(ctx, args[1:], stdout)
	case "run":
		return loadgenRun(ctx, args[1:], stdout, false)
	case "floor":
		return loadgenRun(ctx, args[1:], stdout, true)
	default:
		return fmt.Errorf("unknown loadgen command %q; usage:\n%s", args[0], loadgenUsage)
	}
}

// shapeFlags are the population's shape, shared by every sub-command.
func shapeFlags(fs *flag.FlagSet) *loadgen.Shape {
	s := &loadgen.Shape{}
	fs.IntVar(&s.Students, "students", 100, "students (populate) or virtual students (run, floor)")
	fs.IntVar(&s.Records, "records", 20, "memory records per student")
	fs.IntVar(&s.Sessions, "sessions", 8, "gameplay sessions of history per student")
	fs.Uint64Var(&s.Seed, "seed", 1, "random seed (same seed, same population)")
	fs.Float64Var(&s.Overdue, "overdue", loadgen.DefaultOverdue, "share of records already due")
	return s
}

func loadgenPopulate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadgen populate", flag.ContinueOnError)
	shape := shapeFlags(fs)
	reset := fs.Bool("reset", false, "delete the previous loadgen students first")
	warm := fs.Bool("warm-redis", false, "write every schedule into Redis (default: leave it cold)")
	indexes := fs.String("indexes", loadgen.IndexAuto, "auto, keep or rebuild: drop plain indexes during a huge load")
	workers := fs.Int("workers", 0, "concurrent COPY streams on PostgreSQL (default 2)")
	jsonOut := fs.String("json", "", "also write the result as JSON to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, rdb, err := openLoadgenApp(ctx, *warm)
	if err != nil {
		return err
	}
	defer closeLoadgenApp(a, rdb)
	res, err := loadgen.Populate(ctx, a.Store, loadgen.PopulateOptions{Shape: *shape, Now: a.Clock.Now(), Reset: *reset,
		Redis: rdb, WarmRedis: *warm, IndexMode: *indexes, Workers: *workers, Progress: os.Stderr})
	if err != nil {
		return err
	}
	res.WriteSummary(stdout)
	if *jsonOut != "" {
		return loadgen.WriteJSON(*jsonOut, res)
	}
	return nil
}

// openLoadgenApp opens the configured database, and Redis when configured (required when
// needRedis).
func openLoadgenApp(ctx context.Context, needRedis bool) (*app.App, redis.UniversalClient, error) {
	a, err := openApp(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !a.Config.Redis.Enabled() {
		if needRedis {
			a.Close()
			return nil, nil, errors.New("loadgen: --warm-redis needs MEMORA_REDIS_URL")
		}
		return a, nil, nil
	}
	rdb, err := loadgen.OpenRedis(ctx, a.Config.Redis.Addrs)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, rdb, nil
}

func closeLoadgenApp(a *app.App, rdb redis.UniversalClient) {
	if rdb != nil {
		rdb.Close()
	}
	a.Close()
}

// loadgenRun drives the API (and its floor with --with-floor), or only the floor.
func loadgenRun(ctx context.Context, args []string, stdout io.Writer, floorOnly bool) error {
	opt, cfg, err := parseRunFlags(args, floorOnly)
	if err != nil {
		return err
	}
	if !floorOnly && cfg.skipMissing {
		if err := dropMissing(ctx, &opt, stdout); err != nil {
			return err
		}
	}
	if floorOnly {
		floor, err := runFloor(ctx, opt)
		if err != nil {
			return err
		}
		floor.WriteTable(stdout)
		return writeJSONIf(cfg.jsonOut, floor)
	}
	if !cfg.withFloor {
		run, err := driveRun(ctx, opt, cfg, cfg.cpuProfile, stdout)
		if err != nil {
			return err
		}
		return writeJSONIf(cfg.jsonOut, run)
	}
	var rounds []loadgen.Comparison
	for i := range cfg.rounds {
		if cfg.rounds > 1 {
			fmt.Fprintf(stdout, "round %d of %d, --offset %d\n", i+1, cfg.rounds, opt.Offset)
		}
		floor, err := runFloor(ctx, opt)
		if err != nil {
			return err
		}
		floor.WriteTable(stdout)
		profile := cfg.cpuProfile
		if i > 0 {
			profile = "" // the first round's run only
		}
		run, err := driveRun(ctx, opt, cfg, profile, stdout)
		if err != nil {
			return err
		}
		cmp := loadgen.Compare(run, floor)
		cmp.WriteRatios(stdout)
		rounds = append(rounds, cmp)
		opt.Offset++ // the next round's students, as a run drains the due items of those it draws
	}
	if len(rounds) == 1 {
		return writeJSONIf(cfg.jsonOut, rounds[0])
	}
	summary := loadgen.Summarize(rounds)
	summary.WriteSummary(stdout)
	return writeJSONIf(cfg.jsonOut, summary)
}

// driveRun drives the API once and prints its report; with a profile path, the load
// generator's own CPU profile of the run is written there.
func driveRun(ctx context.Context, opt loadgen.RunOptions, cfg runCLI, profile string, stdout io.Writer) (*loadgen.Report, error) {
	if profile != "" {
		stop, err := startCPUProfile(profile)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	run, err := loadgen.Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	run.WriteTable(stdout)
	run.WriteServer(stdout)
	if cfg.timeline {
		run.WriteTimeline(stdout)
	}
	return run, nil
}

func runFloor(ctx context.Context, opt loadgen.RunOptions) (*loadgen.Report, error) {
	a, rdb, err := openLoadgenApp(ctx, false)
	if err != nil {
		return nil, err
	}
	defer closeLoadgenApp(a, rdb)
	return loadgen.RunFloor(ctx, loadgen.FloorOptions{RunOptions: opt, Store: a.Store, Redis: rdb, Now: a.Clock.Now()})
}

func dropMissing(ctx context.Context, opt *loadgen.RunOptions, stdout io.Writer) error {
	missing, err := loadgen.MissingActions(ctx, opt.URL, opt.Mix)
	if err != nil || len(missing) == 0 {
		return err
	}
	fmt.Fprintf(stdout, "skipping actions the server does not serve yet: %v\n", missing)
	opt.Mix, err = opt.Mix.Without(missing...)
	return err
}

func writeJSONIf(path string, v any) error {
	if path == "" {
		return nil
	}
	return loadgen.WriteJSON(path, v)
}

// startCPUProfile profiles this process into path until stop is called: the load
// generator shares the machine with the server, so its own cost is part of every figure.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
