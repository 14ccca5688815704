package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) AuditInsert(ctx context.Context, a store.AuditEntry) error {
	return wrap("audit insert", e.q.AuditInsert(ctx, pgdb.AuditInsertParams{
		InstitutionID: a.InstitutionID, ActorUserID: a.ActorUserID, ActorEmail: a.ActorEmail, Action: a.Action,
		Target: a.Target, Detail: jsonOrEmpty(a.Detail), RemoteAddr: a.RemoteAddr, CreatedAt: a.CreatedAt,
	}))
}

// Bounds standing in for "no bound" (timestamptz spans 4713 BC to 294276 AD).
var (
	auditMinTime = time.Date(-4000, 1, 1, 0, 0, 0, 0, time.UTC)
	auditMaxTime = time.Date(100000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// AuditList returns matching entries, newest first. A zero Since or Until is no bound;
// Limit defaults to 100 and is capped at 1000.
func (e executor) AuditList(ctx context.Context, p store.AuditListParams) ([]store.AuditEntry, error) {
	since, until := auditMinTime, auditMaxTime
	if !p.Since.IsZero() {
		since = p.Since
	}
	if !p.Until.IsZero() {
		until = p.Until
	}
	rows, err := e.q.AuditList(ctx, pgdb.AuditListParams{
		InstitutionID: p.InstitutionID, ActorUserID: p.ActorUserID, Action: p.Action,
		Since: since, Until: until, Lim: int32(auditLimit(p.Limit)),
	})
	if err != nil {
		return nil, wrap("audit list", err)
	}
	out := make([]store.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = store.AuditEntry{
			ID: r.ID, InstitutionID: r.InstitutionID, ActorUserID: r.ActorUserID, ActorEmail: r.ActorEmail,
			Action: r.Action, Target: r.Target, Detail: r.Detail, RemoteAddr: r.RemoteAddr, CreatedAt: r.CreatedAt,
		}
	}
	return out, nil
}

// auditLimit applies AuditList's default (100) and cap (1000).
func auditLimit(n int) int {
	switch {
	case n <= 0:
		return 100
	case n > 1000:
		return 1000
	}
	return n
}
