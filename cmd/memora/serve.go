package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/demo"
	"memora/internal/store"
)

func loadConfig() (config.Config, *slog.Logger, error) {
	cfg, err := config.Load()
	if err != nil {
		return config.Config{}, nil, err
	}
	opts := &slog.HandlerOptions{Level: cfg.SlogLevel()}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	logger := slog.New(h)
	useSlogForRedis(logger)
	for _, u := range config.Unknown(config.Environ()) { // typos would otherwise be ignored silently
		if u.Suggestion != "" {
			logger.Warn("unknown environment variable ignored", "name", u.Name, "did_you_mean", u.Suggestion)
		} else {
			logger.Warn("unknown environment variable ignored", "name", u.Name)
		}
	}
	return cfg, logger, nil
}

func openApp(ctx context.Context) (*app.App, error) {
	cfg, logger, err := loadConfig()
	if err != nil {
		return nil, err
	}
	return app.Open(ctx, cfg, logger, clock.System{})
}

func cmdServe(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	demoFlag := fs.Bool("demo", false, "load the demo institution into an empty database first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, logger, err := loadConfig()
	if err != nil {
		return err
	}
	stdout = consoleFor(cfg.LogFormat, stdout, logger)
	setGCPercent(cfg)
	a, err := app.Open(ctx, cfg, logger, clock.System{})
	if err != nil {
		return err
	}
	defer a.Close()
	if *demoFlag {
		if err := loadDemoIfEmpty(ctx, a, stdout); err != nil {
			return err
		}
		a.Demo = true
		a.Identity.DemoMode = true // the demo accounts log in only in demo mode
	}
	bootstrap := false
	if !a.Demo {
		managers, err := a.Store.UserEmailsWithRole(ctx, store.RoleSystemManager)
		if err != nil {
			return err
		}
		bootstrap = len(managers) == 0
	}
	return a.Serve(ctx, func(addr string) {
		a.Logger.Info("memora is serving", "addr", addr, "engine", a.Store.Engine())
		if a.Demo {
			fmt.Fprintf(stdout, "Demo: sign in as %s with the password %s (a student with reviews due)\n", demo.TourAccount, demo.Password)
		}
		if bootstrap {
			fmt.Fprintf(stdout, "No System Manager yet. Create the first one (it asks for the password; the institution is created if there is none):\n"+
				"  %s\nthen sign in at http://%s/app — the staff desk does the rest.\n", bootstrapCommand, addr)
		}
		fmt.Fprintf(stdout, "Memora is running at http://%s/ — open it in a browser (API under /api/method/…)\n", addr)
	})
}

// setGCPercent applies MEMORA_GC_PERCENT to a long-running process, unless GOGC in the
// environment has set the collector's target already.
func setGCPercent(cfg config.Config) {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(cfg.GCPercent)
	}
}

// bootstrapCommand creates the first System Manager of a fresh installation.
const bootstrapCommand = `memora user create --email you@example.org --institution my-school --role "System Manager" --password-stdin`

// cmdWorker runs the background jobs alone (no HTTP): the way to scale them apart from the
// API servers, which then run with MEMORA_WORKER=false. It stops on SIGTERM, letting
// running jobs finish within MEMORA_SHUTDOWN_TIMEOUT.
func cmdWorker(ctx context.Context, args []string) error {
	cfg, logger, err := loadConfig()
	if err != nil {
		return err
	}
	cfg.Worker = true
	setGCPercent(cfg)
	a, err := app.Open(ctx, cfg, logger, clock.System{})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Start(ctx); err != nil {
		return err
	}
	a.Logger.Info("worker started", "engine", a.Store.Engine())
	<-ctx.Done()
	a.Logger.Info("worker stopping", "grace_seconds", cfg.ShutdownTimeout.Seconds())
	a.Stop()
	return nil
}

func cmdMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	a, err := openApp(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprintf(stdout, "migrations applied (%s)\n", a.Store.Engine())
	return nil
}
