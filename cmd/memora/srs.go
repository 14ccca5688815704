package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"memora/internal/srs/srseval"
)

func cmdSRS(_ context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "eval" {
		return errors.New("usage: memora srs eval --log FILE")
	}
	fs := flag.NewFlagSet("srs eval", flag.ContinueOnError)
	logPath := fs.String("log", "", "review log CSV: card_id,review_rating,review_time,review_duration")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *logPath == "" {
		return errors.New("--log is required")
	}
	f, err := os.Open(*logPath)
	if err != nil {
		return fmt.Errorf("open log: %w", err)
	}
	defer f.Close()
	rep, err := srseval.Evaluate(f, srseval.DefaultOptions())
	if err != nil {
		return err
	}
	return rep.WriteTable(stdout)
}
