package identity

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// countingStore counts the session lookups that reach the database.
type countingStore struct {
	store.Store
	lookups atomic.Int64
}

func (c *countingStore) AuthSessionGet(ctx context.Context, hash []byte) (store.AuthSession, error) {
	c.lookups.Add(1)
	return c.Store.AuthSessionGet(ctx, hash)
}

// The requests right after a login find the caller cached: they read nothing from the
// database; once the cache's TTL has passed the session is checked there again.
func TestLoginPrimesTheSessionCache(t *testing.T) {
	ctx := context.Background()
	base := storetest.Open(t, store.SQLite)
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	require.NoError(t, base.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "School", NameEN: "School", TimeZone: "UTC"}))
	u, err := base.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "inst", Email: "s@example.org", FullName: "Student", Enabled: true, CreatedAt: t0})
	require.NoError(t, err)
	hash, err := HashPassword("correct horse")
	require.NoError(t, err)
	require.NoError(t, base.UserSetPassword(ctx, u.ID, hash))

	st := &countingStore{Store: base}
	clk := clock.NewFake(t0)
	logger := slog.New(slog.DiscardHandler)
	s := &Service{Store: st, Clock: clk, Audit: audit.Log{Store: st, Clock: clk, Logger: logger}, Logger: logger,
		SessionTTL: 24 * time.Hour, Accounts: NewFailureLimiter(5, time.Minute), Addresses: NewFailureLimiter(20, time.Minute)}
	res, err := s.Login(ctx, "s@example.org", "correct horse", "127.0.0.1")
	require.NoError(t, err)

	who, err := s.AuthenticateSession(ctx, res.Token)
	require.NoError(t, err)
	require.Equal(t, u.ID, who.UserID)
	require.Equal(t, res.Principal, who)
	require.Zero(t, st.lookups.Load(), "the first request after the login reads no session")

	clk.Advance(sessionCacheTTL + time.Second)
	who, err = s.AuthenticateSession(ctx, res.Token)
	require.NoError(t, err)
	require.Equal(t, u.ID, who.UserID)
	require.EqualValues(t, 1, st.lookups.Load(), "past the cache's TTL the session is checked again")
}
