package srseval

import (
	"io"
	"time"

	"memora/internal/srs"
	"memora/internal/srs/revlog"
)

// review is one row of a review log, as the replay uses it.
type review struct {
	card       string
	rating     srs.Rating
	at         time.Time
	durationMs int
	row        int // 1-based data row, to keep file order among equal times
}

// readLog parses the py-fsrs review-log CSV (see revlog.Read).
func readLog(r io.Reader) ([]review, error) {
	rows, err := revlog.Read(r)
	if err != nil {
		return nil, err
	}
	out := make([]review, len(rows))
	for i, rv := range rows {
		out[i] = review{card: rv.Card, rating: rv.Rating, at: rv.At, durationMs: rv.DurationMs, row: rv.Row}
	}
	return out, nil
}
