package store

import (
	"context"
	"encoding/json"
	"time"
)

// AdminAlert is an operational alert shown to administrators until acknowledged.
type AdminAlert struct {
	ID             int64
	InstitutionID  *string
	Kind           string
	Message        string
	Detail         json.RawMessage
	CreatedAt      time.Time
	AcknowledgedAt *time.Time
}

// AlertListParams filters alerts: open ones only unless IncludeAcknowledged. Limit
// defaults to 50 and is capped at 500.
type AlertListParams struct {
	IncludeAcknowledged bool
	Limit               int
}

// Cache rebuild states.
const (
	RebuildQueued    = "queued"
	RebuildRunning   = "running"
	RebuildCompleted = "completed"
	RebuildFailed    = "failed"
)

// CacheRebuild is the progress of one season cache rebuild. LastKey is the last memory
// key written ("<user id>:<question id>"), where a retried job resumes.
type CacheRebuild struct {
	ID         int64
	SeasonID   string
	Status     string
	Total      int64
	Processed  int64
	Users      int64
	LastKey    string
	Error      string
	StartedAt  time.Time
	FinishedAt *time.Time
}

// OpsAdminExecutor holds admin alerts and cache-rebuild progress.
type OpsAdminExecutor interface {
	AlertInsert(ctx context.Context, a AdminAlert) (int64, error)
	AlertGet(ctx context.Context, id int64) (AdminAlert, error)
	AlertList(ctx context.Context, p AlertListParams) ([]AdminAlert, error)
	// AlertAcknowledge stamps an open alert; ErrNotFound when there is no such open alert.
	AlertAcknowledge(ctx context.Context, id int64, at time.Time) error

	RebuildInsert(ctx context.Context, r CacheRebuild) (int64, error)
	RebuildGet(ctx context.Context, id int64) (CacheRebuild, error)
	// RebuildUpdate writes status, counts, last key, error and finish time.
	RebuildUpdate(ctx context.Context, r CacheRebuild) error
	// RebuildLatest is the newest rebuild of every season that had one.
	RebuildLatest(ctx context.Context) ([]CacheRebuild, error)

	// UserEmailsWithRole lists the e-mail addresses of enabled users holding role.
	UserEmailsWithRole(ctx context.Context, role string) ([]string, error)
}
