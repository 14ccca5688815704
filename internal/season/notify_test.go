package season_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/season"
	"memora/internal/store"
)

// An alert reaches the webhook as JSON and, by e-mail, the configured addresses plus every
// enabled System Manager (weak point 39).
func TestNotifierDelivers(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		require.NoError(t, e.store.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
		for email, enabled := range map[string]bool{"boss@x.test": true, "gone@x.test": false} {
			u, err := e.store.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "i", Email: email, Enabled: enabled, CreatedAt: t0})
			require.NoError(t, err)
			require.NoError(t, e.store.UserRoleAdd(ctx, u.ID, store.RoleSystemManager))
		}
		rep := season.Report{SampleSize: 2000, Compared: 2000, DiscrepanciesFound: 3, DiscrepancyRate: 0.0015, Seasons: []string{"SEASON-2026"}}
		id, err := e.svc.RaiseAlert(ctx, season.AlertReconciliation, "⚠️ ALERT: High SRS Cache Discrepancy (0.15%)", rep)
		require.NoError(t, err)

		var hook webhookBody
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			require.NoError(t, json.NewDecoder(r.Body).Decode(&hook))
		}))
		defer srv.Close()
		mail := startSMTP(t)
		n := &season.Notifier{Store: e.store, SMTPURL: "smtp://" + mail.addr + "?from=alerts@memora.test",
			Emails: []string{"ops@x.test", "boss@x.test"}, Webhook: srv.URL}
		require.NoError(t, n.Deliver(ctx, id))

		require.Equal(t, id, hook.ID)
		require.Equal(t, season.AlertReconciliation, hook.Kind)
		require.JSONEq(t, mustJSON(t, rep), string(hook.Detail))
		msg := mail.wait(t)
		require.Equal(t, "alerts@memora.test", msg.from)
		require.Equal(t, []string{"boss@x.test", "ops@x.test"}, msg.to, "deduplicated; disabled users left out")
		require.Contains(t, msg.data, "Subject: =?UTF-8?b?")
		require.Contains(t, msg.data, "Discrepancies: 3")
		require.Contains(t, msg.data, "Run a cache rebuild")

		srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) })
		require.Error(t, (&season.Notifier{Store: e.store, Webhook: srv.URL}).Deliver(ctx, id), "a failing webhook makes the job retry")
	})
}

type webhookBody struct {
	ID     int64           `json:"id"`
	Kind   string          `json:"kind"`
	Detail json.RawMessage `json:"detail"`
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// fakeSMTP accepts one message and keeps it.
type fakeSMTP struct {
	addr string
	got  chan smtpMessage
}

type smtpMessage struct {
	from string
	to   []string
	data string
}

func startSMTP(t *testing.T) *fakeSMTP {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	f := &fakeSMTP{addr: ln.Addr().String(), got: make(chan smtpMessage, 1)}
	var once sync.Once
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		once.Do(func() { f.got <- converse(conn) })
	}()
	return f
}

func converse(conn net.Conn) smtpMessage {
	r := bufio.NewReader(conn)
	reply := func(s string) { io.WriteString(conn, s+"\r\n") }
	var m smtpMessage
	reply("220 fake")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return m
		}
		cmd := strings.TrimSpace(line)
		switch upper := strings.ToUpper(cmd); {
		case strings.HasPrefix(upper, "EHLO"), strings.HasPrefix(upper, "HELO"):
			reply("250 fake")
		case strings.HasPrefix(upper, "MAIL FROM:"):
			m.from = strings.Trim(cmd[len("MAIL FROM:"):], "<> ")
			reply("250 ok")
		case strings.HasPrefix(upper, "RCPT TO:"):
			m.to = append(m.to, strings.Trim(cmd[len("RCPT TO:"):], "<> "))
			reply("250 ok")
		case upper == "DATA":
			reply("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			m.data = b.String()
			reply("250 queued")
		case upper == "QUIT":
			reply("221 bye")
			return m
		default:
			reply("250 ok")
		}
	}
}

func (f *fakeSMTP) wait(t *testing.T) smtpMessage {
	select {
	case m := <-f.got:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no mail")
		return smtpMessage{}
	}
}
