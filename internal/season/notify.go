package season

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"memora/internal/mail"
	"memora/internal/store"
)

// webhookTimeout bounds one webhook call: a slow receiver must not hold a worker.
const webhookTimeout = 5 * time.Second

// Notifier delivers alerts to administrators: by e-mail to MEMORA_ALERT_EMAILS and every
// enabled System Manager (users holding the role, not a "role profile": weak point 39),
// and as a JSON POST to MEMORA_ALERT_WEBHOOK. Either may be unconfigured.
type Notifier struct {
	Store   store.Executor
	SMTPURL string
	Emails  []string
	Webhook string
	HTTP    *http.Client
}

// Deliver sends the alert through every configured channel. An error makes the job retry
// (delivery is at least once).
func (n *Notifier) Deliver(ctx context.Context, alertID int64) error {
	a, err := n.Store.AlertGet(ctx, alertID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // deleted meanwhile: nothing to say
	}
	if err != nil {
		return fmt.Errorf("deliver alert %d: %w", alertID, err)
	}
	var errs []error
	if n.SMTPURL != "" {
		errs = append(errs, n.mail(ctx, a))
	}
	if n.Webhook != "" {
		errs = append(errs, n.post(ctx, a))
	}
	return errors.Join(errs...)
}

func (n *Notifier) mail(ctx context.Context, a store.AdminAlert) error {
	admins, err := n.Store.UserEmailsWithRole(ctx, store.RoleSystemManager)
	if err != nil {
		return fmt.Errorf("alert recipients: %w", err)
	}
	to := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(n.Emails), admins...))))
	if len(to) == 0 {
		return nil
	}
	return mail.Send(ctx, n.SMTPURL, mail.Message{To: to, Subject: a.Message, Body: alertBody(a)})
}

// webhookPayload is what the webhook receives.
type webhookPayload struct {
	ID        int64           `json:"id"`
	Kind      string          `json:"kind"`
	Message   string          `json:"message"`
	Detail    json.RawMessage `json:"detail"`
	CreatedAt time.Time       `json:"created_at"`
}

func (n *Notifier) post(ctx context.Context, a store.AdminAlert) error {
	body, err := json.Marshal(webhookPayload{ID: a.ID, Kind: a.Kind, Message: a.Message, Detail: a.Detail, CreatedAt: a.CreatedAt})
	if err != nil {
		return fmt.Errorf("alert webhook: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.Webhook, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("alert webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	client := n.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("alert webhook: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("alert webhook: status %d", resp.StatusCode)
	}
	return nil
}

// alertBody is the plain-text e-mail: the message, the details and, for reconciliation,
// what to look at (§4.5).
func alertBody(a store.AdminAlert) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nRaised at %s.\n\n", a.Message, a.CreatedAt.UTC().Format(time.RFC1123))
	if a.Kind == AlertReconciliation {
		var r Report
		if json.Unmarshal(a.Detail, &r) == nil {
			fmt.Fprintf(&b, "Sample size: %d\nCompared with Redis: %d\nDiscrepancies: %d\nDiscrepancy rate: %.4f%%\n"+
				"Auto-corrected: %d\nSeasons: %s\n\n", r.SampleSize, r.Compared, r.DiscrepanciesFound,
				r.DiscrepancyRate*100, r.AutoCorrected, strings.Join(r.Seasons, ", "))
		}
		b.WriteString("Recommended actions:\n- Check whether Redis restarted or evicted keys.\n" +
			"- Check the job dashboard for failed jobs.\n- Run a cache rebuild of the affected season.\n")
		return b.String()
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, a.Detail, "", "  ") == nil {
		b.Write(pretty.Bytes())
		b.WriteString("\n")
	}
	return b.String()
}
