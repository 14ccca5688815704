package mail_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/mail"
)

// slowMailer takes its time, then keeps the message or fails.
type slowMailer struct {
	delay time.Duration
	fail  bool
	mu    sync.Mutex
	got   []mail.Message
}

func (s *slowMailer) Send(ctx context.Context, m mail.Message) error {
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return ctx.Err()
	}
	if s.fail {
		return errors.New("mailbox full")
	}
	s.mu.Lock()
	s.got = append(s.got, m)
	s.mu.Unlock()
	return nil
}

func TestABackgroundMailerAnswersAtOnceAndSendsAfterTheRequestEnds(t *testing.T) {
	slow := &slowMailer{delay: 200 * time.Millisecond}
	b := &mail.Background{Mailer: slow}
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	require.NoError(t, b.Send(ctx, mail.Message{To: []string{"a@x.test"}, Subject: "s"}))
	require.Less(t, time.Since(start), 100*time.Millisecond, "the caller does not wait for the server")
	cancel() // the request is over; the message still goes
	b.Wait()
	require.Len(t, slow.got, 1)
}

func TestABackgroundMailerLogsWhatItCouldNotSend(t *testing.T) {
	var logs bytes.Buffer
	b := &mail.Background{Mailer: &slowMailer{fail: true}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	require.NoError(t, b.Send(context.Background(), mail.Message{To: []string{"a@x.test"}, Subject: "Reset"}))
	b.Wait()
	require.Contains(t, logs.String(), `msg="e-mail not sent"`)
	require.Contains(t, logs.String(), "mailbox full")
}
