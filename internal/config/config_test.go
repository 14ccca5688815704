package config_test

import (
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"memora/internal/config"
)

func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Addr", c.Addr, "127.0.0.1:8000"},
		{"Database", c.Database, config.Database{Engine: config.EngineSQLite, Path: "./data/memora.db"}},
		{"Redis enabled", c.Redis.Enabled(), false},
		{"LogLevel", c.SlogLevel(), slog.LevelInfo},
		{"LogFormat", c.LogFormat, "text"},
		{"RequestTimeout", c.RequestTimeout, 15 * time.Second},
		{"MaxBodyBytes", c.MaxBodyBytes, int64(1 << 20)},
		{"ShutdownTimeout", c.ShutdownTimeout, 20 * time.Second},
		{"SessionTTL", c.SessionTTL, 720 * time.Hour},
		{"CookieSecure", c.CookieSecure, false},
		{"LoginRate", c.LoginRate, 5},
		{"LoginWindow", c.LoginWindow, time.Minute},
		{"DBMaxConns", c.DBMaxConns, 8},
		{"Prime", c.Prime, true},
		{"SQLiteReaders", c.SQLiteReaders, 2},
		{"Worker", c.Worker, true},
		{"RedisTimeout", c.RedisTimeout, 500 * time.Millisecond},
		{"SafeModeGlobalPerMin", c.SafeModeGlobalPerMin, 500},
		{"SafeModePlayerInterval", c.SafeModePlayerInterval, 30 * time.Second},
		{"TrustedOrigins", len(c.TrustedOrigins), 0},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

func TestOverrides(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(map[string]string{
		"MEMORA_ADDR":            ":9000",
		"MEMORA_DATABASE_URL":    "postgres://memora:pw@db:5432/memora?sslmode=disable",
		"MEMORA_REDIS_URL":       "redis://:pw@r1:6379, r2:6379,r3:6379",
		"MEMORA_LOG_LEVEL":       "DEBUG",
		"MEMORA_LOG_FORMAT":      "json",
		"MEMORA_TRUSTED_ORIGINS": "https://admin.example.org, http://localhost:3000,",
		"MEMORA_WORKER":          "false",
		"MEMORA_COOKIE_SECURE":   "true",
		"MEMORA_ALERT_EMAILS":    "ops@example.org,Admin <admin@example.org>",
		"MEMORA_SMTP_URL":        "smtp://u:p@mail.example.org:587",
		"MEMORA_ALERT_WEBHOOK":   "https://hooks.example.org/T000/B000/XXXX",
		"MEMORA_REQUEST_TIMEOUT": "2s",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Database.Engine != config.EnginePostgres || !strings.HasPrefix(c.Database.URL, "postgres://") {
		t.Errorf("database = %+v", c.Database)
	}
	if !c.Redis.Cluster() || len(c.Redis.Addrs) != 3 || c.Redis.Addrs[1] != "r2:6379" {
		t.Errorf("redis = %+v", c.Redis)
	}
	if c.SlogLevel() != slog.LevelDebug || c.LogFormat != "json" || c.Worker || !c.CookieSecure {
		t.Errorf("level %v format %q worker %v secure %v", c.SlogLevel(), c.LogFormat, c.Worker, c.CookieSecure)
	}
	if len(c.TrustedOrigins) != 2 || c.TrustedOrigins[1] != "http://localhost:3000" {
		t.Errorf("origins = %q", c.TrustedOrigins)
	}
	if len(c.AlertEmails) != 2 || c.RequestTimeout != 2*time.Second {
		t.Errorf("emails %q timeout %v", c.AlertEmails, c.RequestTimeout)
	}
}

func TestDatabaseForms(t *testing.T) {
	t.Parallel()
	cases := map[string]config.Database{
		"":                        {Engine: config.EngineSQLite, Path: "./data/memora.db"},
		"postgresql://h/db":       {Engine: config.EnginePostgres, URL: "postgresql://h/db"},
		"sqlite:./x.db":           {Engine: config.EngineSQLite, Path: "./x.db"},
		"sqlite:///var/lib/m.db":  {Engine: config.EngineSQLite, Path: "/var/lib/m.db"},
		"file:m.db?_pragma=x(1)":  {Engine: config.EngineSQLite, Path: "file:m.db?_pragma=x(1)"},
		"/srv/memora/memora.db":   {Engine: config.EngineSQLite, Path: "/srv/memora/memora.db"},
		"data/memora-test.sqlite": {Engine: config.EngineSQLite, Path: "data/memora-test.sqlite"},
	}
	for in, want := range cases {
		c, err := config.Parse(map[string]string{"MEMORA_DATABASE_URL": in})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if c.Database != want {
			t.Errorf("%q: got %+v, want %+v", in, c.Database, want)
		}
	}
}

func TestValidationErrorsNameVariableAndValue(t *testing.T) {
	t.Parallel()
	cases := []struct {
		key, value string
		wantInErr  string
	}{
		{"MEMORA_ADDR", "localhost", `MEMORA_ADDR="localhost"`},
		{"MEMORA_ADDR", "h:99999", `MEMORA_ADDR="h:99999"`},
		{"MEMORA_DATABASE_URL", "mysql://h/db", `MEMORA_DATABASE_URL="mysql://h/db"`},
		{"MEMORA_DATABASE_URL", "sqlite:", `MEMORA_DATABASE_URL="sqlite:"`},
		{"MEMORA_REDIS_URL", "memcached://h:1", `MEMORA_REDIS_URL="memcached://h:1"`},
		{"MEMORA_REDIS_URL", "r1:6379,r2", `element "r2"`},
		{"MEMORA_LOG_LEVEL", "verbose", `MEMORA_LOG_LEVEL="verbose": must be one of`},
		{"MEMORA_LOG_FORMAT", "xml", `MEMORA_LOG_FORMAT="xml"`},
		{"MEMORA_REQUEST_TIMEOUT", "fast", `MEMORA_REQUEST_TIMEOUT="fast": must be a duration`},
		{"MEMORA_REQUEST_TIMEOUT", "-1s", `MEMORA_REQUEST_TIMEOUT="-1s": must be greater than zero`},
		{"MEMORA_MAX_BODY_BYTES", "1MB", `MEMORA_MAX_BODY_BYTES="1MB": must be an integer`},
		{"MEMORA_MAX_BODY_BYTES", "0", `MEMORA_MAX_BODY_BYTES="0"`},
		{"MEMORA_COOKIE_SECURE", "yes please", `MEMORA_COOKIE_SECURE="yes please": must be true or false`},
		{"MEMORA_TRUSTED_ORIGINS", "https://a.example.org/", `MEMORA_TRUSTED_ORIGINS="https://a.example.org/"`},
		{"MEMORA_TRUSTED_ORIGINS", "a.example.org", `MEMORA_TRUSTED_ORIGINS="a.example.org"`},
		{"MEMORA_LOGIN_RATE", "0", `MEMORA_LOGIN_RATE="0"`},
		{"MEMORA_DB_MAX_CONNS", "-3", `MEMORA_DB_MAX_CONNS="-3"`},
		{"MEMORA_GC_PERCENT", "0", `MEMORA_GC_PERCENT="0"`},
		{"MEMORA_DATABASE_REPLICA_URL", "replica.example.org:5432", `MEMORA_DATABASE_REPLICA_URL="replica.example.org:5432": must be a postgres://`},
		{"MEMORA_DATABASE_REPLICA_URL", "postgres://replica/memora", `needs a PostgreSQL MEMORA_DATABASE_URL`},
		{"MEMORA_SQLITE_READERS", "0", `MEMORA_SQLITE_READERS="0"`},
		{"MEMORA_SMTP_URL", "mail.example.org", `MEMORA_SMTP_URL="mail.example.org"`},
		{"MEMORA_ALERT_EMAILS", "ops@example.org,not-an-address", `MEMORA_ALERT_EMAILS="not-an-address"`},
		{"MEMORA_ALERT_WEBHOOK", "ftp://x", `MEMORA_ALERT_WEBHOOK="ftp://x"`},
		{"MEMORA_SAFE_MODE_PLAYER_INTERVAL", "0s", `MEMORA_SAFE_MODE_PLAYER_INTERVAL="0s"`},
	}
	for _, tc := range cases {
		_, err := config.Parse(map[string]string{tc.key: tc.value})
		if err == nil {
			t.Errorf("%s=%q accepted", tc.key, tc.value)
			continue
		}
		if !strings.Contains(err.Error(), tc.wantInErr) {
			t.Errorf("%s=%q: error %q lacks %q", tc.key, tc.value, err, tc.wantInErr)
		}
	}
}

func TestReplicaWithPostgresPrimary(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(map[string]string{"MEMORA_DATABASE_URL": "postgres://primary/memora",
		"MEMORA_DATABASE_REPLICA_URL": "postgres://replica/memora"})
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseReplicaURL != "postgres://replica/memora" {
		t.Errorf("DatabaseReplicaURL = %q", c.DatabaseReplicaURL)
	}
	if u := config.Unknown(map[string]string{"MEMORA_DATABASE_REPLICA_URL": "x"}); len(u) != 0 {
		t.Errorf("MEMORA_DATABASE_REPLICA_URL reported unknown: %v", u)
	}
}

func TestAllProblemsReportedAtOnce(t *testing.T) {
	t.Parallel()
	_, err := config.Parse(map[string]string{
		"MEMORA_LOG_LEVEL":   "loud",
		"MEMORA_LOGIN_RATE":  "0",
		"MEMORA_LOG_FORMAT":  "xml",
		"MEMORA_SESSION_TTL": "0s",
	})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, key := range []string{"MEMORA_LOG_LEVEL", "MEMORA_LOGIN_RATE", "MEMORA_LOG_FORMAT", "MEMORA_SESSION_TTL"} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error lacks %s: %v", key, err)
		}
	}
}

func TestSecretsRedacted(t *testing.T) {
	t.Parallel()
	_, err := config.Parse(map[string]string{
		"MEMORA_REDIS_URL":     "redis://:hunter2@r1:6379,bad",
		"MEMORA_ALERT_WEBHOOK": "ftp://hooks.example.org/T0/B0/SECRETTOKEN",
	})
	if err == nil {
		t.Fatal("accepted")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("password leaked: %v", err)
	}

	c, err := config.Parse(map[string]string{
		"MEMORA_DATABASE_URL":  "postgres://memora:hunter2@db/memora",
		"MEMORA_ALERT_WEBHOOK": "https://hooks.example.org/T0/B0/SECRETTOKEN",
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("config", "cfg", c)
	if out := b.String(); strings.Contains(out, "hunter2") || strings.Contains(out, "SECRETTOKEN") ||
		!strings.Contains(out, "db/memora") {
		t.Errorf("log value: %s", out)
	}
}

func TestLoadReadsProcessEnvironment(t *testing.T) {
	t.Setenv("MEMORA_ADDR", "0.0.0.0:8123")
	c, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:8123" {
		t.Errorf("Addr = %q", c.Addr)
	}
}

func TestMarkdownListsEveryVariable(t *testing.T) {
	t.Parallel()
	md := config.Markdown()
	vars := config.Vars()
	if len(vars) != 35 {
		t.Errorf("%d variables documented, want 35", len(vars))
	}
	for _, v := range vars {
		if v.Meaning == "" {
			t.Errorf("%s has no doc tag", v.Name)
		}
		if !strings.Contains(md, "| `"+v.Name+"` |") {
			t.Errorf("table lacks %s", v.Name)
		}
	}
	if !strings.Contains(md, "| `MEMORA_ADDR` | `127.0.0.1:8000` |") {
		t.Errorf("default missing:\n%s", md)
	}
}

func TestParseAndValidationProblemsTogether(t *testing.T) {
	t.Parallel()
	_, err := config.Parse(map[string]string{
		"MEMORA_REQUEST_TIMEOUT": "fast",
		"MEMORA_LOG_LEVEL":       "loud",
	})
	if err == nil {
		t.Fatal("accepted")
	}
	msg := err.Error()
	if !strings.Contains(msg, "MEMORA_LOG_LEVEL") || strings.Count(msg, "MEMORA_REQUEST_TIMEOUT") != 1 {
		t.Errorf("want one message per bad variable: %v", err)
	}
	var ve *config.VarError
	if !errors.As(err, &ve) || ve.Name == "" {
		t.Errorf("no VarError in %v", err)
	}
}

func TestSiteURLIsThePublicURLElseTheListenAddress(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cfg  config.Config
		want string
	}{
		{config.Config{Addr: "127.0.0.1:8000"}, "http://127.0.0.1:8000"},
		{config.Config{Addr: ":8000"}, "http://127.0.0.1:8000"},
		{config.Config{Addr: "0.0.0.0:9000"}, "http://127.0.0.1:9000"},
		{config.Config{Addr: ":8000", PublicURL: "https://learn.example.org"}, "https://learn.example.org"},
	} {
		if got := c.cfg.SiteURL(); got != c.want {
			t.Errorf("SiteURL(%+v) = %q, want %q", c.cfg, got, c.want)
		}
	}
}
