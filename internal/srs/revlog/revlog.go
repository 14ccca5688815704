// Package revlog reads review logs in the py-fsrs CSV format
// (card_id,review_rating,review_time,review_duration), the input of the
// evaluator, the optimizer and the simulator's time costs.
package revlog

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"memora/internal/srs"
)

// Review is one row of a review log.
type Review struct {
	Card       string
	Rating     srs.Rating
	At         time.Time
	DurationMs int // 0 when the log has none
	Row        int // 1-based data row, to keep file order among equal times
}

var wantHeader = []string{"card_id", "review_rating", "review_time", "review_duration"}

// Read parses the py-fsrs review-log CSV:
// card_id,review_rating,review_time,review_duration (ISO-8601 time, ms).
func Read(r io.Reader) ([]Review, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(wantHeader)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	if err := checkHeader(header); err != nil {
		return nil, err
	}
	var out []Review
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read row %d: %w", row, err)
		}
		rv, err := parseReview(rec, row)
		if err != nil {
			return nil, err
		}
		out = append(out, rv)
	}
}

func checkHeader(h []string) error {
	for i, want := range wantHeader {
		if strings.TrimSpace(strings.TrimPrefix(h[i], "\ufeff")) != want {
			return fmt.Errorf("header column %d is %q, want %q", i+1, h[i], want)
		}
	}
	return nil
}

func parseReview(rec []string, row int) (Review, error) {
	rating, err := strconv.Atoi(strings.TrimSpace(rec[1]))
	if err != nil || !srs.Rating(rating).Valid() {
		return Review{}, fmt.Errorf("row %d: rating %q not in 1..4", row, rec[1])
	}
	at, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(rec[2]))
	if err != nil {
		return Review{}, fmt.Errorf("row %d: review time: %w", row, err)
	}
	duration := 0
	if d := strings.TrimSpace(rec[3]); d != "" {
		if duration, err = strconv.Atoi(d); err != nil {
			return Review{}, fmt.Errorf("row %d: duration: %w", row, err)
		}
	}
	return Review{Card: strings.TrimSpace(rec[0]), Rating: srs.Rating(rating), At: at, DurationMs: duration, Row: row}, nil
}

// Before orders reviews by time, then by row (file order).
func Before(a, b Review) bool {
	if !a.At.Equal(b.At) {
		return a.At.Before(b.At)
	}
	return a.Row < b.Row
}
