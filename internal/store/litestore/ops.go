package litestore

import (
	"context"
	"math"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) AuditInsert(ctx context.Context, a store.AuditEntry) error {
	return wrap("audit insert", e.w.AuditInsert(ctx, litedb.AuditInsertParams{
		InstitutionID: a.InstitutionID, ActorUserID: a.ActorUserID, ActorEmail: a.ActorEmail, Action: a.Action,
		Target: a.Target, Detail: jsonText(a.Detail), RemoteAddr: a.RemoteAddr, CreatedAt: micros(a.CreatedAt),
	}))
}

// AuditList returns matching entries, newest first. A zero Since or Until is no bound;
// Limit defaults to 100 and is capped at 1000.
func (e executor) AuditList(ctx context.Context, p store.AuditListParams) ([]store.AuditEntry, error) {
	since, until := int64(math.MinInt64), int64(math.MaxInt64)
	if !p.Since.IsZero() {
		since = micros(p.Since)
	}
	if !p.Until.IsZero() {
		until = micros(p.Until)
	}
	rows, err := e.r.AuditList(ctx, litedb.AuditListParams{
		InstitutionID: p.InstitutionID, ActorUserID: p.ActorUserID, Action: p.Action,
		Since: since, Until: until, Lim: int64(auditLimit(p.Limit)),
	})
	if err != nil {
		return nil, wrap("audit list", err)
	}
	out := make([]store.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = store.AuditEntry{
			ID: r.ID, InstitutionID: r.InstitutionID, ActorUserID: r.ActorUserID, ActorEmail: r.ActorEmail,
			Action: r.Action, Target: r.Target, Detail: rawJSON(r.Detail), RemoteAddr: r.RemoteAddr,
			CreatedAt: fromMicros(r.CreatedAt),
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
