package season

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// Alert kinds.
const AlertReconciliation = "srs_reconciliation"

// RaiseAlert records an alert for administrators (the admin dashboard lists it until it is
// acknowledged), audits it, and queues its delivery by e-mail and webhook — in one
// transaction, so an alert is never delivered without being recorded or vice versa. The
// delivery runs as a job, off the request path.
func (s *Service) RaiseAlert(ctx context.Context, kind, message string, detail any) (int64, error) {
	raw, err := json.Marshal(detail)
	if err != nil {
		return 0, fmt.Errorf("raise alert: %w", err)
	}
	var id int64
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		id, err = tx.AlertInsert(ctx, store.AdminAlert{Kind: kind, Message: message, Detail: raw, CreatedAt: s.Clock.Now()})
		if err != nil {
			return err
		}
		if err := s.Audit.Record(ctx, tx, Actor{}.entry(audit.AlertRaised, strconv.FormatInt(id, 10),
			map[string]any{"kind": kind, "message": message})); err != nil {
			return err
		}
		if s.Jobs == nil {
			return nil
		}
		_, err = s.Jobs.EnqueueAlert(ctx, tx, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("raise alert: %w", err)
	}
	s.logger().Warn("alert raised", "id", id, "kind", kind, "message", message)
	return id, nil
}

// AlertView is an alert as the admin API shows it.
type AlertView struct {
	ID             int64           `json:"id"`
	Kind           string          `json:"kind"`
	Message        string          `json:"message"`
	Detail         json.RawMessage `json:"detail"`
	CreatedAt      string          `json:"created_at"`
	AcknowledgedAt *string         `json:"acknowledged_at"`
}

func alertView(a store.AdminAlert) AlertView {
	v := AlertView{ID: a.ID, Kind: a.Kind, Message: a.Message, Detail: a.Detail, CreatedAt: a.CreatedAt.Format(timeLayout)}
	if a.AcknowledgedAt != nil {
		at := a.AcknowledgedAt.Format(timeLayout)
		v.AcknowledgedAt = &at
	}
	return v
}

const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Alerts lists alerts, newest first: open ones, or all.
func (s *Service) Alerts(ctx context.Context, all bool, limit int) ([]AlertView, error) {
	list, err := s.Store.AlertList(ctx, store.AlertListParams{IncludeAcknowledged: all, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	out := make([]AlertView, len(list))
	for i, a := range list {
		out[i] = alertView(a)
	}
	return out, nil
}

// Acknowledge closes an open alert.
func (s *Service) Acknowledge(ctx context.Context, by Actor, id int64) (AlertView, error) {
	err := s.Store.AlertAcknowledge(ctx, id, s.Clock.Now())
	if errors.Is(err, store.ErrNotFound) {
		return AlertView{}, problem.Newf(problem.NotFound, "No open alert {id}.", "id", id)
	}
	if err != nil {
		return AlertView{}, fmt.Errorf("acknowledge alert: %w", err)
	}
	a, err := s.Store.AlertGet(ctx, id)
	if err != nil {
		return AlertView{}, fmt.Errorf("acknowledge alert: %w", err)
	}
	s.record(ctx, by.entry(audit.AlertAcknowledged, strconv.FormatInt(id, 10), nil))
	return alertView(a), nil
}
