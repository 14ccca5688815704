package identity

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// heldTouches holds every session touch until released.
type heldTouches struct {
	store.Store
	started chan struct{}
	release chan struct{}
}

func (h *heldTouches) AuthSessionTouch(ctx context.Context, hash []byte, seen, expires time.Time) error {
	h.started <- struct{}{}
	<-h.release
	return h.Store.AuthSessionTouch(ctx, hash, seen, expires)
}

// A session loaded a while after it was last seen has its expiry slid in the background: the
// request is answered while the write waits, the write lands, and touches beyond maxTouches
// running at once are skipped rather than queued.
func TestSessionTouchIsOffTheRequestPath(t *testing.T) {
	ctx := context.Background()
	base := storetest.Open(t, store.SQLite)
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	require.NoError(t, base.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "School", NameEN: "School", TimeZone: "UTC"}))
	st := &heldTouches{Store: base, started: make(chan struct{}, 10), release: make(chan struct{})}
	clk := clock.NewFake(t0)
	logger := slog.New(slog.DiscardHandler)
	s := &Service{Store: st, Clock: clk, Audit: audit.Log{Store: st, Clock: clk, Logger: logger}, Logger: logger,
		SessionTTL: 24 * time.Hour}
	tokens := make([]string, maxTouches+1)
	for i := range tokens {
		u, err := base.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "inst", Email: string(rune('a'+i)) + "@example.org",
			FullName: "Student", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		tokens[i] = string(rune('a'+i)) + "-token"
		require.NoError(t, base.AuthSessionInsert(ctx, store.AuthSession{TokenHash: hashToken(tokens[i]), UserID: u.ID,
			CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(24 * time.Hour)}))
	}
	clk.Advance(sessionTouchEvery + time.Second)
	now := clk.Now()

	for i, tok := range tokens {
		who, err := s.AuthenticateSession(ctx, tok)
		require.NoError(t, err, "answered while the touches wait")
		require.NotZero(t, who.UserID)
		if i < maxTouches {
			<-st.started
		}
	}
	require.Empty(t, st.started, "the touch beyond maxTouches was skipped")
	close(st.release)
	s.WaitTouches()

	for i, tok := range tokens {
		got, err := base.AuthSessionGet(ctx, hashToken(tok))
		require.NoError(t, err)
		if i < maxTouches {
			require.True(t, got.LastSeenAt.Equal(now), "touched")
			require.True(t, got.ExpiresAt.Equal(now.Add(24*time.Hour)), "its expiry slid")
		} else {
			require.True(t, got.LastSeenAt.Equal(t0), "skipped: its next load slides it")
		}
	}
}
