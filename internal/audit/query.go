package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
)

// Query filters the audit log; zero values mean "any". Limit defaults to 100 (max 1000).
type Query struct {
	InstitutionID string
	ActorUserID   int64
	Action        string
	Since         time.Time
	Until         time.Time
	Limit         int
}

// Record is one audit entry as administrators read it.
type Record struct {
	ID            int64           `json:"id"`
	InstitutionID *string         `json:"institution"`
	ActorUserID   *int64          `json:"actor_user_id"`
	ActorEmail    string          `json:"actor"`
	Action        string          `json:"action"`
	Target        string          `json:"target"`
	Detail        json.RawMessage `json:"detail"`
	RemoteAddr    string          `json:"remote_addr"`
	CreatedAt     time.Time       `json:"created_at"`
}

// List returns matching entries, newest first.
func (l Log) List(ctx context.Context, q Query) ([]Record, error) {
	p := store.AuditListParams{Action: q.Action, Since: q.Since, Until: q.Until, Limit: q.Limit}
	if q.InstitutionID != "" {
		p.InstitutionID = &q.InstitutionID
	}
	if q.ActorUserID != 0 {
		p.ActorUserID = &q.ActorUserID
	}
	rows, err := l.Store.AuditList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("audit list: %w", err)
	}
	out := make([]Record, len(rows))
	for i, r := range rows {
		out[i] = Record{ID: r.ID, InstitutionID: r.InstitutionID, ActorUserID: r.ActorUserID, ActorEmail: r.ActorEmail,
			Action: r.Action, Target: r.Target, Detail: r.Detail, RemoteAddr: r.RemoteAddr, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
