package cache_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/cache"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var start = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

// Two instances' limiters on one database share the Safe-Mode limits: a player served by
// one is refused by the other for the rest of the interval, and the global limit counts the
// requests of both.
func TestSharedSafeModeLimiterAcrossInstances(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		a := cache.NewSharedSafeModeLimiter(s, 3, 30*time.Second, nil)
		b := cache.NewSharedSafeModeLimiter(s, 3, 30*time.Second, nil)
		ok, _ := a.Allow(ctx, 1, start)
		require.True(t, ok)
		ok, wait := b.Allow(ctx, 1, start.Add(10*time.Second))
		require.False(t, ok, "served on the other instance")
		require.Equal(t, 20*time.Second, wait)
		ok, _ = b.Allow(ctx, 2, start.Add(11*time.Second))
		require.True(t, ok)
		ok, _ = a.Allow(ctx, 3, start.Add(12*time.Second))
		require.True(t, ok)
		ok, wait = b.Allow(ctx, 4, start.Add(15*time.Second))
		require.False(t, ok, "the fleet's global limit")
		require.Equal(t, 45*time.Second, wait, "until the window that began with the first request ends")
		n, err := a.Count(ctx, start.Add(15*time.Second))
		require.NoError(t, err)
		require.Equal(t, 3, n)
		ok, _ = b.Allow(ctx, 4, start.Add(time.Minute))
		require.True(t, ok, "a new window")
	})
}

type failing struct{}

func (failing) SafeModeAdmit(context.Context, store.SafeModeAdmitParams) (store.SafeModeAdmission, error) {
	return store.SafeModeAdmission{}, errors.New("connection refused")
}

func (failing) SafeModeServed(context.Context) (time.Time, int, error) {
	return time.Time{}, 0, errors.New("connection refused")
}

// When the database cannot count, the instance applies the limits alone and says so.
func TestSharedSafeModeLimiterFallsBackToThisInstance(t *testing.T) {
	var logs bytes.Buffer
	l := cache.NewSharedSafeModeLimiter(failing{}, 1, 30*time.Second, slog.New(slog.NewTextHandler(&logs, nil)))
	ok, _ := l.Allow(context.Background(), 1, start)
	require.True(t, ok)
	ok, wait := l.Allow(context.Background(), 2, start.Add(time.Second))
	require.False(t, ok, "the in-process global limit")
	require.Equal(t, 59*time.Second, wait)
	require.Contains(t, logs.String(), "this instance applies them alone")
	require.Contains(t, logs.String(), "connection refused")
	require.Equal(t, 1, strings.Count(logs.String(), "applies them alone"), "logged once, not on every request")
	_, err := l.Count(context.Background(), start)
	require.Error(t, err)
}

// recovering fails to count until up is set.
type recovering struct {
	failing
	up bool
}

func (r *recovering) SafeModeAdmit(ctx context.Context, p store.SafeModeAdmitParams) (store.SafeModeAdmission, error) {
	if !r.up {
		return r.failing.SafeModeAdmit(ctx, p)
	}
	return store.SafeModeAdmission{Admitted: true}, nil
}

// The fallback is logged when it begins and when the database counts again, not per request.
func TestSharedSafeModeLimiterLogsTheFallbackOnce(t *testing.T) {
	var logs bytes.Buffer
	db := &recovering{}
	l := cache.NewSharedSafeModeLimiter(db, 100, time.Second, slog.New(slog.NewTextHandler(&logs, nil)))
	for i := range 5 {
		l.Allow(context.Background(), int64(i), start)
	}
	require.Equal(t, 1, strings.Count(logs.String(), "applies them alone"))
	db.up = true
	for i := range 3 {
		ok, _ := l.Allow(context.Background(), int64(10+i), start)
		require.True(t, ok)
	}
	require.Equal(t, 1, strings.Count(logs.String(), "counted in the database again"))
	db.up = false
	l.Allow(context.Background(), 20, start)
	require.Equal(t, 2, strings.Count(logs.String(), "applies them alone"), "a new failure is logged again")
}
