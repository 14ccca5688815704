package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/identity"
)

// Issue 13.11: the accounts the demo loader makes log in only while the server runs with
// --demo. Outside demo mode the demo password is refused like any wrong one, and a session
// opened in demo mode ends.
func TestDemoAccountsLogInOnlyInDemoMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()
	a, err := openApp(ctx)
	require.NoError(t, err)
	defer a.Close()
	var out bytes.Buffer
	require.NoError(t, loadDemo(ctx, a, &out))
	require.Contains(t, out.String(), "memora serve --demo")

	for _, acc := range demo.Accounts() {
		u, err := a.Store.UserGetByEmail(ctx, identity.NormalizeEmail(acc.Email))
		require.NoError(t, err)
		require.True(t, u.Demo, acc.Email)
	}

	// memora serve (no --demo): refused with the usual answer.
	_, err = a.Identity.Login(ctx, "student@demo.memora.test", demo.Password, "127.0.0.1")
	require.ErrorIs(t, err, identity.ErrInvalidCredentials)

	// memora serve --demo: accepted; the session ends when demo mode does.
	a.Identity.DemoMode = true
	res, err := a.Identity.Login(ctx, "student@demo.memora.test", demo.Password, "127.0.0.2")
	require.NoError(t, err)
	_, err = a.Identity.AuthenticateSession(ctx, res.Token)
	require.NoError(t, err)
	a.Identity.DemoMode = false
	_, err = a.Identity.AuthenticateSession(ctx, res.Token)
	require.ErrorIs(t, err, identity.ErrNotLoggedIn)
}
