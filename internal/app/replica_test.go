package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/httpx"
	"memora/internal/pgtest"
	"memora/internal/store/storetest"
)

// With MEMORA_DATABASE_REPLICA_URL the app reports the replica in use (memora_db_replica_up),
// marks a client that wrote (the memora_wrote cookie), and keeps answering with the replica
// stopped, reporting and logging it.
func TestReplicaConfigured(t *testing.T) {
	primary := pgtest.StartPrimary(t)
	replica := pgtest.StartReplica(t, primary)
	dbURL := storetest.NewPostgresDatabase(t, primary.URL())
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	logs := &syncBuffer{}
	_, addr := serveLogged(t, map[string]string{"MEMORA_DATABASE_URL": dbURL,
		"MEMORA_DATABASE_REPLICA_URL": replica.DatabaseURL(strings.TrimPrefix(u.Path, "/"))},
		slog.New(slog.NewTextHandler(logs, nil)))
	base := "http://" + addr

	gauge := func() string {
		res, err := http.Get(base + "/metrics")
		require.NoError(t, err)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "memora_db_replica_up ") {
				return strings.TrimPrefix(line, "memora_db_replica_up ")
			}
		}
		return "absent"
	}
	waitGauge := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); gauge() != want; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("memora_db_replica_up = %s, want %s; log:\n%s", gauge(), want, logs)
			}
		}
	}
	waitGauge("1")

	res, err := http.Post(base+"/api/method/login", "application/json", strings.NewReader(`{"usr":"nobody@example.org","pwd":"wrong"}`))
	require.NoError(t, err)
	res.Body.Close()
	var wrote bool
	for _, c := range res.Cookies() {
		wrote = wrote || c.Name == httpx.WroteCookie && c.MaxAge > 0
	}
	require.True(t, wrote, "a POST did not set %s", httpx.WroteCookie)

	replica.Stop()
	waitGauge("0")
	res, err = http.Get(base + "/readyz")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "the primary alone is ready")
	require.Contains(t, logs.String(), "database replica not used")

	replica.Start()
	waitGauge("1")
}
