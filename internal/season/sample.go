package season

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"memora/internal/store"
)

// sampleWindows is how many random places of the key space one sample reads from.
const sampleWindows = 10

// sample picks up to size live memory rows of the seasons written before cutoff, without
// sorting the table (weak point 36): when the seasons hold no more than size rows it reads
// them all in key order; otherwise it reads sampleWindows runs of consecutive keys, each
// starting at a random player id (an index range scan each), wrapping around the end.
// Runs of consecutive keys sample players, then their items: a cluster sample, which is
// what reconciliation needs (a player's schedule is one cache key).
func (s *Service) sample(ctx context.Context, seasons []string, size int, cutoff time.Time) ([]store.MemoryDue, error) {
	n, err := s.Store.MemoryCountUpTo(ctx, seasons, cutoff, size+1)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	if n <= int64(size) {
		rows, err := s.Store.MemorySample(ctx, store.MemorySampleParams{
			SeasonIDs: seasons, UpdatedBefore: cutoff, Limit: size})
		if err != nil {
			return nil, fmt.Errorf("sample: %w", err)
		}
		return rows, nil
	}
	lo, hi, err := s.Store.MemoryUserRange(ctx, seasons)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	return s.sampleWindows(ctx, seasons, size, cutoff, lo, hi)
}

type memoryKey struct {
	user     int64
	season   string
	question string
}

func (s *Service) sampleWindows(ctx context.Context, seasons []string, size int, cutoff time.Time, lo, hi int64) ([]store.MemoryDue, error) {
	per := (size + sampleWindows - 1) / sampleWindows
	seen := make(map[memoryKey]bool, size)
	out := make([]store.MemoryDue, 0, size)
	add := func(rows []store.MemoryDue) {
		for _, r := range rows {
			k := memoryKey{r.UserID, r.SeasonID, r.QuestionID}
			if !seen[k] && len(out) < size {
				seen[k] = true
				out = append(out, r)
			}
		}
	}
	// Windows may overlap; a few more fill the gap, then a pass from a random start
	// (which cannot come back empty-handed: the seasons hold more than size rows).
	for w := 0; w < 3*sampleWindows && len(out) < size; w++ {
		rows, err := s.window(ctx, seasons, cutoff, lo+rand.Int64N(hi-lo+1), lo, min(per, size-len(out)))
		if err != nil {
			return nil, err
		}
		add(rows)
	}
	if len(out) < size {
		rows, err := s.window(ctx, seasons, cutoff, lo+rand.Int64N(hi-lo+1), lo, 2*size)
		if err != nil {
			return nil, err
		}
		add(rows)
	}
	return out, nil
}

// window reads limit rows from player start on, continuing from the lowest player id when
// it reaches the end.
func (s *Service) window(ctx context.Context, seasons []string, cutoff time.Time, start, lo int64, limit int) ([]store.MemoryDue, error) {
	rows, err := s.Store.MemorySample(ctx, store.MemorySampleParams{
		SeasonIDs: seasons, FromUserID: start, UpdatedBefore: cutoff, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	if len(rows) == limit || start <= lo {
		return rows, nil
	}
	more, err := s.Store.MemorySample(ctx, store.MemorySampleParams{
		SeasonIDs: seasons, FromUserID: lo, UntilUserID: start, UpdatedBefore: cutoff, Limit: limit - len(rows)})
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	return append(rows, more...), nil
}
