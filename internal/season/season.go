// Package season runs the life of a season's spaced-repetition data: creating and
// activating seasons (with their PostgreSQL partitions), archiving a finished season
// (partition exchange on PostgreSQL, bounded batches on SQLite), retention and deletion,
// reconciliation of the Redis schedule against the database, full cache rebuilds, and the
// alerts that reach administrators.
package season

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/metrics"
	"memora/internal/problem"
	"memora/internal/store"
)

// Service runs season operations. Cache is nil when Redis is not configured (the embedded
// mode has no schedule cache: reviews read the database).
type Service struct {
	Store   store.Store
	Clock   clock.Clock
	Audit   audit.Log
	Cache   ScheduleCache
	Jobs    Enqueuer
	Metrics *metrics.Metrics
	Logger  *slog.Logger
	// Changed, when set, hears that a season was created or changed (its dates, scheduler
	// or activity), so the caches holding seasons and access can drop them.
	Changed func()
}

func (s *Service) changed() {
	if s.Changed != nil {
		s.Changed()
	}
}

// Enqueuer puts background jobs in the same transaction as the rows they concern.
type Enqueuer interface {
	EnqueueRebuild(ctx context.Context, tx store.Executor, rebuildID int64, seasonID string) (jobID int64, err error)
	EnqueueAlert(ctx context.Context, tx store.Executor, alertID int64) (jobID int64, err error)
}

// ErrDuplicateJob is returned by an Enqueuer when an equivalent job is already pending.
var ErrDuplicateJob = errors.New("an equivalent job is already queued or running")

// Actor is who asked for an operation, for the audit log. The zero Actor is the system
// (a scheduled job).
type Actor struct {
	UserID        int64
	InstitutionID string
	Email         string
	RemoteAddr    string
}

func (a Actor) entry(action, target string, detail any) audit.Entry {
	email := a.Email
	if a.UserID == 0 && email == "" {
		email = "system"
	}
	return audit.Entry{InstitutionID: a.InstitutionID, ActorUserID: a.UserID, ActorEmail: email,
		Action: action, Target: target, Detail: detail, RemoteAddr: a.RemoteAddr}
}

// Retention is how long archived memory state is kept before it may be deleted (§4.6).
const Retention = 1095 * 24 * time.Hour

// archiveBatch bounds each copying transaction of an archive.
const archiveBatch = 5000

// get loads a season, turning "no such season" into the original's 404 message.
func (s *Service) get(ctx context.Context, id string) (store.Season, error) {
	se, err := s.Store.SeasonGet(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Season{}, notFound(id)
	}
	if err != nil {
		return store.Season{}, fmt.Errorf("season %s: %w", id, err)
	}
	return se, nil
}

func notFound(id string) error {
	return problem.Newf(problem.NotFound, "Season '{season}' not found.", "season", id)
}

// record writes an audit entry without failing the operation it describes (the operation
// has already committed); a failure is logged.
func (s *Service) record(ctx context.Context, e audit.Entry) {
	s.Audit.Best(ctx, e)
}

func (s *Service) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

// today is the current calendar day in UTC: seasons are shared by every institution, so
// the scheduled jobs use one zone.
func (s *Service) today() time.Time { return clock.Day(s.Clock.Now(), time.UTC) }
