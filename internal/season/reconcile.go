package season

import (
	"context"
	"fmt"
	"time"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// Reconciliation limits and thresholds (§4.5).
const (
	MinSample      = 100
	MaxSample      = 100000
	DefaultSample  = 10000
	AlertThreshold = 0.001 // 0.1 % of compared rows
	// inFlight skips rows written in the last seconds: their cache write may still be on
	// its way (it follows the commit).
	inFlight = 5 * time.Second
	// tolerance is how far the cached due time may be from the database's (Unix seconds).
	tolerance = 1
	// lookupChunk bounds one pipelined cache read.
	lookupChunk = 1000
)

// Report is the result of one reconciliation run. Rows of players whose schedule is not
// in Redis at all (expired, never read) are counted as Uncached and are not discrepancies:
// the next read rebuilds that schedule from the database. The rate is discrepancies over
// the rows that could be compared.
type Report struct {
	SampleSize         int      `json:"sample_size"`
	Compared           int      `json:"compared"`
	Uncached           int      `json:"uncached"`
	DiscrepanciesFound int      `json:"discrepancies_found"`
	DiscrepancyRate    float64  `json:"discrepancy_rate"`
	AutoCorrected      int      `json:"auto_corrected"`
	AlertTriggered     bool     `json:"alert_triggered"`
	AlertID            int64    `json:"alert_id,omitempty"`
	Seasons            []string `json:"seasons"`
	Message            string   `json:"message,omitempty"`
}

// A reconciliation's Message when it compared nothing, in English (ReconcileMessages).
const (
	msgNoCacheToReconcile = "Redis is not configured: there is no schedule cache to reconcile."
	msgSeasonUncached     = "This season does not use the Redis cache."
	msgNoCachedSeasons    = "No active seasons use the Redis cache."
)

// ReconcileMessages are the messages a reconciliation's Report may hold, in English: the
// desk shows them in the reader's language (the catalogue has each).
var ReconcileMessages = []string{msgNoCacheToReconcile, msgSeasonUncached, msgNoCachedSeasons}

// Reconcile samples memory state of the given season (or of every active season that uses
// Redis), compares each row's due time with the Redis schedule and corrects Redis from the
// database, which is the truth. Above AlertThreshold it raises an alert.
func (s *Service) Reconcile(ctx context.Context, by Actor, size int, seasonID string) (Report, error) {
	if size < MinSample || size > MaxSample {
		return Report{}, problem.InvalidMsg("Sample size must be between 100 and 100000")
	}
	seasons, err := s.reconcileSeasons(ctx, seasonID)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Seasons: seasons}
	switch {
	case s.Cache == nil:
		rep.Message = msgNoCacheToReconcile
	case len(seasons) == 0 && seasonID != "":
		rep.Message = msgSeasonUncached
	case len(seasons) == 0:
		rep.Message = msgNoCachedSeasons
	default:
		if err := s.reconcile(ctx, &rep, size); err != nil {
			return Report{}, err
		}
	}
	if rep.AlertTriggered {
		id, err := s.RaiseAlert(ctx, AlertReconciliation, reconcileSubject(rep.DiscrepancyRate), rep)
		if err != nil {
			return Report{}, err
		}
		rep.AlertID = id
	}
	s.record(ctx, by.entry(audit.Reconciliation, seasonID, rep))
	return rep, nil
}

func (s *Service) reconcileSeasons(ctx context.Context, seasonID string) ([]string, error) {
	if seasonID != "" {
		se, err := s.get(ctx, seasonID)
		if err != nil || !se.EnableRedis {
			return []string{}, err
		}
		return []string{seasonID}, nil
	}
	list, err := s.Store.SeasonList(ctx)
	if err != nil {
		return nil, fmt.Errorf("reconcile: %w", err)
	}
	out := []string{}
	for _, se := range list {
		if se.IsActive && se.EnableRedis {
			out = append(out, se.ID)
		}
	}
	return out, nil
}

func (s *Service) reconcile(ctx context.Context, rep *Report, size int) error {
	rows, err := s.sample(ctx, rep.Seasons, size, s.Clock.Now().Add(-inFlight))
	if err != nil {
		return err
	}
	rep.SampleSize = len(rows)
	perSeason := map[string]*[2]int{} // compared, discrepancies
	for _, id := range rep.Seasons {
		perSeason[id] = &[2]int{}
	}
	var fixes []Fix
	for start := 0; start < len(rows); start += lookupChunk {
		chunk := rows[start:min(start+lookupChunk, len(rows))]
		cached, err := s.Cache.Scores(ctx, chunk)
		if err != nil {
			return fmt.Errorf("reconcile: read cache: %w", err)
		}
		for i, c := range cached {
			compared, wrong := judge(chunk[i], c)
			if !compared {
				rep.Uncached++
				continue
			}
			perSeason[chunk[i].SeasonID][0]++
			if wrong {
				perSeason[chunk[i].SeasonID][1]++
				fixes = append(fixes, Fix{Row: chunk[i], Seen: c})
			}
		}
	}
	rep.Compared = rep.SampleSize - rep.Uncached
	rep.DiscrepanciesFound = len(fixes)
	rep.DiscrepancyRate = rate(rep.DiscrepanciesFound, rep.Compared)
	rep.AlertTriggered = rep.DiscrepancyRate > AlertThreshold
	s.observeRates(perSeason)
	if len(fixes) > 0 {
		n, err := s.Cache.Correct(ctx, fixes)
		rep.AutoCorrected = n
		if err != nil {
			s.logger().Warn("reconcile: corrections incomplete", "written", n, "err", err)
		}
	}
	return nil
}

// judge compares one row with the cache. A missing schedule cannot be compared; in a
// schedule marked incomplete only the questions it holds can.
func judge(row store.MemoryDue, c Cached) (compared, wrong bool) {
	switch {
	case !c.KeyExists, !c.Complete && !c.Found:
		return false, false
	case !c.Found:
		return true, true
	}
	diff := c.Score - row.Due.Unix()
	return true, diff > tolerance || diff < -tolerance
}

func rate(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

func (s *Service) observeRates(perSeason map[string]*[2]int) {
	if s.Metrics == nil {
		return
	}
	for id, c := range perSeason {
		s.Metrics.ReconciliationDiscrepancyRate().WithLabelValues(id).Set(rate(c[1], c[0]))
	}
}

func reconcileSubject(r float64) string {
	return fmt.Sprintf("⚠️ ALERT: High SRS Cache Discrepancy (%.2f%%)", r*100)
}
