// Package audit records who did what: logins and failures, role changes, purchases and
// approvals, admin SRS operations, archives and deletions, reconciliation reports.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"memora/internal/clock"
	"memora/internal/store"
)

// Actions recorded in the audit log.
const (
	LoginSucceeded   = "login.succeeded"
	LoginFailed      = "login.failed"
	LoginRateLimited = "login.rate_limited"
	Logout           = "logout"
	RoleAdded        = "user.role_added"
	RoleRemoved      = "user.role_removed"
	UserCreated      = "user.created"
	APIKeyCreated    = "user.api_key_created"
	PurchaseRequest  = "purchase.requested"
	PurchaseApproved = "purchase.approved"
	PurchaseRejected = "purchase.rejected"
	SeasonArchived   = "season.archived"
	ArchiveDeleted   = "archive.deleted"
	CacheRebuild     = "srs.cache_rebuild"
	Reconciliation   = "srs.reconciliation"
	ContentImported  = "content.imported"

	SeasonCreated     = "season.created"
	SeasonUpdated     = "season.updated"
	SeasonActivated   = "season.activated"
	SeasonEnded       = "season.ended"
	ArchiveFlagged    = "archive.flagged"
	AlertRaised       = "alert.raised"
	AlertAcknowledged = "alert.acknowledged"
)

// Entry is one event to record.
type Entry struct {
	InstitutionID string
	ActorUserID   int64
	ActorEmail    string
	Action        string
	Target        string
	Detail        any
	RemoteAddr    string
}

// Log writes audit entries.
type Log struct {
	Store  store.Executor
	Clock  clock.Clock
	Logger *slog.Logger
}

// Record writes e with exec (pass a transaction to make the entry part of it).
func (l Log) Record(ctx context.Context, exec store.Executor, e Entry) error {
	detail, err := json.Marshal(e.Detail)
	if err != nil || e.Detail == nil {
		detail = []byte("{}")
	}
	row := store.AuditEntry{
		ActorEmail: e.ActorEmail, Action: e.Action, Target: e.Target, Detail: detail,
		RemoteAddr: e.RemoteAddr, CreatedAt: l.Clock.Now(),
	}
	if e.InstitutionID != "" {
		row.InstitutionID = &e.InstitutionID
	}
	if e.ActorUserID != 0 {
		row.ActorUserID = &e.ActorUserID
	}
	if exec == nil {
		exec = l.Store
	}
	if err := exec.AuditInsert(ctx, row); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// Best records e outside any transaction and only logs a failure: used where the audited
// action itself must not fail because of the audit log (a refused login, say).
func (l Log) Best(ctx context.Context, e Entry) {
	if err := l.Record(ctx, nil, e); err != nil && l.Logger != nil {
		l.Logger.Error("audit write failed", "action", e.Action, "err", err)
	}
}
