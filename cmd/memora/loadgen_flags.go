package main

import (
	"errors"
	"flag"
	"os"
	"strings"
	"time"

	"memora/internal/loadgen"
)

// runCLI holds the run flags that are not RunOptions.
type runCLI struct {
	jsonOut     string
	timeline    bool
	cpuProfile  string
	withFloor   bool
	rounds      int
	skipMissing bool
}

func parseRunFlags(args []string, floorOnly bool) (loadgen.RunOptions, runCLI, error) {
	name := "loadgen run"
	if floorOnly {
		name = "loadgen floor"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	shape := shapeFlags(fs)
	var opt loadgen.RunOptions
	var cli runCLI
	fs.StringVar(&opt.URL, "url", "http://127.0.0.1:8000", "the server to drive")
	fs.IntVar(&opt.Population, "population", 0, "students populated (default --students); virtual students are spread over them")
	fs.IntVar(&opt.Offset, "offset", 0, "start the spread this many students in: runs of one size with offsets 0 … population÷students−1 draw different students")
	mix := fs.String("mix", loadgen.DefaultMix, "action=weight,… among review, submit, map, profile, quests, leaderboard, lesson, "+
		"page_home, page_map, page_topic, page_lesson, page_review, page_profile, page_leaderboard, page_store; "+
		"or a preset: api (the default), pages, browser")
	accounts := fs.String("accounts", "", "existing students to log in as, comma-separated (e.g. the demo's), instead of the populated ones")
	fs.StringVar(&opt.Password, "password", "", "the password of --accounts")
	fs.BoolVar(&cli.skipMissing, "skip-missing", false, "leave out actions whose endpoints the server does not serve")
	fs.IntVar(&opt.Concurrency, "concurrency", 16, "closed loop: students acting back to back")
	fs.Float64Var(&opt.Rate, "rate", 0, "open loop: actions per second (overrides --concurrency)")
	arrivals := fs.String("arrivals", "poisson", "open loop: poisson or uniform")
	fs.IntVar(&opt.MaxInFlight, "max-inflight", 256, "open loop: actions in flight at most (arrivals beyond are dropped and counted)")
	fs.DurationVar(&opt.Duration, "duration", 30*time.Second, "stop after this long (0: no limit)")
	fs.DurationVar(&opt.Warmup, "warmup", 0, "drive the load this long first without reporting it (caches, pools); --duration follows")
	fs.Int64Var(&opt.Requests, "requests", 0, "stop after this many requests (0: no limit)")
	fs.BoolVar(&cli.withFloor, "with-floor", false, "run the floor first, then the API, and print the ratios")
	fs.IntVar(&cli.rounds, "rounds", 1, "with --with-floor: this many rounds of floor and run, each on the next --offset's students, and the median ratios")
	fs.StringVar(&cli.jsonOut, "json", "", "also write the report as JSON to this file")
	fs.BoolVar(&cli.timeline, "timeline", false, "also print the run second by second (it is always in --json)")
	fs.BoolVar(&opt.Warm, "warm", false, "each student opens a review session right after logging in, outside the timed run")
	fs.BoolVar(&opt.ServerMetrics, "server-metrics", false, "also report what the server measured itself (its /metrics request histogram) over the run")
	fs.StringVar(&cli.cpuProfile, "cpuprofile", "", "write the load generator's own CPU profile (go tool pprof) of the run (the first round's) to this file")
	if err := fs.Parse(args); err != nil {
		return opt, cli, err
	}
	m, err := loadgen.ParseMix(*mix)
	if err != nil {
		return opt, cli, err
	}
	if *arrivals != "poisson" && *arrivals != "uniform" {
		return opt, cli, errors.New("--arrivals must be poisson or uniform")
	}
	if cli.rounds < 1 || (cli.rounds > 1 && (floorOnly || !cli.withFloor)) {
		return opt, cli, errors.New("--rounds is 1, or more with run --with-floor")
	}
	opt.Mix, opt.Poisson, opt.Shape, opt.Students, opt.Seed = m, *arrivals == "poisson", *shape, shape.Students, shape.Seed
	opt.Progress = os.Stderr
	if opt.Population == 0 {
		opt.Population = opt.Students
	}
	if err := accountFlags(fs, *accounts, &opt, cli, floorOnly); err != nil {
		return opt, cli, err
	}
	return opt, cli, nil
}

// accountFlags reads --accounts: one virtual student per account unless --students says more
// (they then share accounts); the floor and --with-floor need the population, so refuse them.
func accountFlags(fs *flag.FlagSet, accounts string, opt *loadgen.RunOptions, cli runCLI, floorOnly bool) error {
	for _, a := range strings.Split(accounts, ",") {
		if a = strings.TrimSpace(a); a != "" {
			opt.Accounts = append(opt.Accounts, a)
		}
	}
	if len(opt.Accounts) == 0 {
		if opt.Password != "" {
			return errors.New("--password goes with --accounts")
		}
		return nil
	}
	if floorOnly || cli.withFloor {
		return errors.New("--accounts drives existing students; the floor needs a populated institution")
	}
	if opt.Password == "" {
		return errors.New("--accounts needs --password")
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "students" })
	if !explicit {
		opt.Students = len(opt.Accounts)
	}
	opt.Population = opt.Students
	return nil
}
