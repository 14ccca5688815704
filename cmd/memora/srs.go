package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"memora/internal/srs"
	"memora/internal/srs/optimize"
	"memora/internal/srs/revlog"
	"memora/internal/srs/simulate"
	"memora/internal/srs/srseval"
)

const srsUsage = "usage: memora srs eval|optimize|simulate|forecast --log FILE"

func cmdSRS(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(srsUsage)
	}
	switch args[0] {
	case "eval":
		return cmdSRSEval(args[1:], stdout)
	case "optimize":
		return cmdSRSOptimize(args[1:], stdout)
	case "simulate":
		return cmdSRSSimulate(ctx, args[1:], stdout)
	case "forecast":
		return cmdSRSForecast(ctx, args[1:], stdout)
	}
	return errors.New(srsUsage)
}

// openLog parses the --log flag of fs and opens the file.
func openLog(fs *flag.FlagSet, args []string) (*os.File, error) {
	logPath := fs.String("log", "", "review log CSV: card_id,review_rating,review_time,review_duration")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if *logPath == "" {
		return nil, errors.New("--log is required")
	}
	f, err := os.Open(*logPath)
	if err != nil {
		return nil, fmt.Errorf("open log: %w", err)
	}
	return f, nil
}

func cmdSRSEval(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("srs eval", flag.ContinueOnError)
	f, err := openLog(fs, args)
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := srseval.Evaluate(f, srseval.DefaultOptions())
	if err != nil {
		return err
	}
	return rep.WriteTable(stdout)
}

func cmdSRSOptimize(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("srs optimize", flag.ContinueOnError)
	opts := optimize.DefaultOptions()
	fs.Uint64Var(&opts.Seed, "seed", opts.Seed, "seed of the card shuffle")
	fs.IntVar(&opts.Epochs, "epochs", opts.Epochs, "passes over the log")
	fs.Float64Var(&opts.Gamma, "gamma", opts.Gamma, "strength of the pull toward the defaults")
	rollover := fs.Int("rollover", srs.DefaultRolloverHour, "hour (UTC) a learner day starts")
	f, err := openLog(fs, args)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := revlog.Read(f)
	if err != nil {
		return err
	}
	clock := srs.Clock{Location: time.UTC, RolloverHour: *rollover}
	if err := clock.Validate(); err != nil {
		return err
	}
	start := time.Now()
	res, err := optimize.Fit(optimize.Histories(rows, clock), opts)
	if err != nil {
		return err
	}
	took := time.Since(start)
	ws := make([]string, len(res.Weights))
	for i, w := range res.Weights {
		ws[i] = fmt.Sprintf("%.4f", w)
	}
	_, err = fmt.Fprintf(stdout, "reviews %d, cards %d, cross-day reviews %d (fitted in %v)\n"+
		"log loss before (FSRS-6 defaults): %.4f\nlog loss after (fitted, in-sample): %.4f\n"+
		"parameters: %s\n", len(rows), res.Cards, res.Scored, took.Round(time.Millisecond),
		res.LossBefore, res.LossAfter, strings.Join(ws, ", "))
	return err
}

func cmdSRSSimulate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("srs simulate", flag.ContinueOnError)
	cfg := simulate.DefaultConfig(simulate.Durations{})
	fs.IntVar(&cfg.Students, "students", cfg.Students, "simulated students")
	fs.IntVar(&cfg.Items, "items", cfg.Items, "items per student")
	fs.IntVar(&cfg.Days, "days", cfg.Days, "days simulated")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of every random draw")
	fs.IntVar(&cfg.Workers, "workers", cfg.Workers, "students simulated in parallel (results do not depend on it)")
	fs.IntVar(&cfg.ExamDay, "exam-day", 0, "day of an exam: adds the exam-aware scheduler and exam-day recall (0: none)")
	fs.Float64Var(&cfg.ExamTarget, "exam-target", 0.95, "exam-day recall target of the exam-aware scheduler")
	retentions := fs.String("retentions", "0.80,0.85,0.90,0.95", "desired retentions of the FSRS schedulers")
	svgPath := fs.String("svg", "", "also write the chart (SVG) to this file")
	f, err := openLog(fs, args)
	if err != nil {
		return err
	}
	rows, err := revlog.Read(f)
	f.Close()
	if err != nil {
		return err
	}
	cfg.Durations = simulate.DurationsFromLog(rows)
	cfg.Retentions = nil
	for _, v := range strings.Split(*retentions, ",") {
		dr, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return fmt.Errorf("--retentions: %w", err)
		}
		cfg.Retentions = append(cfg.Retentions, dr)
	}
	start := time.Now()
	res, err := simulate.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if err := simulate.WriteTables(stdout, cfg, res); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stdout, "\nsimulated in %v\n", time.Since(start).Round(time.Second)); err != nil {
		return err
	}
	if *svgPath == "" {
		return nil
	}
	out, err := os.Create(*svgPath)
	if err != nil {
		return fmt.Errorf("create svg: %w", err)
	}
	if err := simulate.WriteSVG(out, res); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// cmdSRSForecast prints the expected daily review workload at a desired
// retention and at ±0.05, with weights fitted on the log (or given) and the
// log's review times.
func cmdSRSForecast(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("srs forecast", flag.ContinueOnError)
	cfg := simulate.DefaultConfig(simulate.Durations{})
	cfg.Students, cfg.Days = 50, 120
	fs.IntVar(&cfg.Students, "students", cfg.Students, "simulated students")
	fs.IntVar(&cfg.Items, "items", cfg.Items, "items per student")
	fs.IntVar(&cfg.Days, "days", cfg.Days, "days of the season")
	fs.IntVar(&cfg.NewPerDay, "new-per-day", cfg.NewPerDay, "new items a day")
	dr := fs.Float64("retention", srs.DefaultDesiredRetention, "the season's desired retention")
	weightList := fs.String("weights", "", "the season's FSRS weights, comma-separated (default: fitted on the log)")
	f, err := openLog(fs, args)
	if err != nil {
		return err
	}
	rows, err := revlog.Read(f)
	f.Close()
	if err != nil {
		return err
	}
	cfg.Durations = simulate.DurationsFromLog(rows)
	var weights []float64
	if *weightList != "" {
		for _, v := range strings.Split(*weightList, ",") {
			w, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return fmt.Errorf("--weights: %w", err)
			}
			weights = append(weights, w)
		}
	} else {
		res, err := optimize.Fit(optimize.Histories(rows, srs.Clock{Location: time.UTC, RolloverHour: srs.DefaultRolloverHour}), optimize.DefaultOptions())
		if err != nil {
			return err
		}
		weights = res.Weights
	}
	loads, err := simulate.Forecast(ctx, cfg, weights, *dr)
	if err != nil {
		return err
	}
	return simulate.WriteForecast(stdout, cfg, loads)
}
