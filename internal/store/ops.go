package store

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one audited action.
type AuditEntry struct {
	ID            int64
	InstitutionID *string
	ActorUserID   *int64
	ActorEmail    string
	Action        string
	Target        string
	Detail        json.RawMessage
	RemoteAddr    string
	CreatedAt     time.Time
}

// AuditListParams filters the audit log; zero values mean "any".
type AuditListParams struct {
	InstitutionID *string
	ActorUserID   *int64
	Action        string
	Since         time.Time
	Until         time.Time
	Limit         int
}

// OpsExecutor holds the audit log, admin alerts and cache-rebuild progress.
type OpsExecutor interface {
	AuditInsert(ctx context.Context, e AuditEntry) error
	AuditList(ctx context.Context, p AuditListParams) ([]AuditEntry, error)

	// Exists reports whether a row of an import entity kind ("institution", "stream", "grade",
	// "season", "subject", "track", "unit", "topic", "lesson", "stage", "plan",
	// "sales_item", "user" by email) exists.
	Exists(ctx context.Context, kind, id string) (bool, error)
}
