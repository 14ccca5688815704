// Package config loads Memora's configuration from MEMORA_* environment
// variables into one Config value, validated once at start-up and passed
// down explicitly (no package state). The struct tags are the single source
// of truth: env names and defaults drive both parsing and Markdown(), the
// README table.
package config

import (
	"log/slog"
	"net"
	"time"
)

// Config is the whole configuration. Database and Redis are derived from
// DatabaseURL and RedisURL by Parse.
type Config struct {
	Addr            string        `env:"MEMORA_ADDR" envDefault:"127.0.0.1:8000" doc:"HTTP listen address (host:port)."`
	DatabaseURL     string        `env:"MEMORA_DATABASE_URL" doc:"Empty: SQLite file ./data/memora.db. postgres:// or postgresql:// URL for PostgreSQL; sqlite:PATH, file:PATH or a plain file path for SQLite."`
	RedisURL        string        `env:"MEMORA_REDIS_URL" doc:"Optional Redis: redis:// or rediss:// URL; comma-separated addresses (URL or host:port) for Cluster. Empty: in-process cache, leaderboards and limits."`
	RedisTimeout    time.Duration `env:"MEMORA_REDIS_TIMEOUT" envDefault:"500ms" doc:"Per-command Redis timeout; slower calls count towards Safe Mode."`
	RedisFailures   int           `env:"MEMORA_REDIS_FAILURES" envDefault:"8" doc:"Consecutive Redis failures (errors or timeouts) that enter Safe Mode; a PING probe every 5 s leaves it."`
	LogLevel        string        `env:"MEMORA_LOG_LEVEL" envDefault:"info" doc:"debug, info, warn or error."`
	LogFormat       string        `env:"MEMORA_LOG_FORMAT" envDefault:"text" doc:"text or json."`
	RequestTimeout  time.Duration `env:"MEMORA_REQUEST_TIMEOUT" envDefault:"15s" doc:"Deadline for each HTTP request."`
	MaxBodyBytes    int64         `env:"MEMORA_MAX_BODY_BYTES" envDefault:"1048576" doc:"Largest accepted request body; larger ones get 413."`
	ShutdownTimeout time.Duration `env:"MEMORA_SHUTDOWN_TIMEOUT" envDefault:"20s" doc:"Grace period for in-flight requests and jobs on SIGTERM."`

	SessionTTL     time.Duration `env:"MEMORA_SESSION_TTL" envDefault:"720h" doc:"Lifetime of a login session (sid cookie)."`
	CookieSecure   bool          `env:"MEMORA_COOKIE_SECURE" envDefault:"false" doc:"Mark session cookies Secure; set true behind HTTPS."`
	PublicURL      string        `env:"MEMORA_PUBLIC_URL" doc:"Origin (scheme://host[:port]) people reach Memora at, used in e-mailed links such as password resets. Empty: http://MEMORA_ADDR. Never taken from a request's Host header."`
	TrustedOrigins []string      `env:"MEMORA_TRUSTED_ORIGINS" doc:"Comma-separated origins (scheme://host[:port]) allowed to make cross-origin cookie requests."`
	LoginRate      int           `env:"MEMORA_LOGIN_RATE" envDefault:"5" doc:"Failed logins allowed per account per MEMORA_LOGIN_WINDOW."`
	LoginWindow    time.Duration `env:"MEMORA_LOGIN_WINDOW" envDefault:"1m" doc:"Window for MEMORA_LOGIN_RATE."`

	DatabaseReplicaURL string `env:"MEMORA_DATABASE_REPLICA_URL" doc:"Optional postgres:// URL of a streaming read replica of the PostgreSQL database: the leaderboard, map, catalogue and profile-statistics reads of students who wrote nothing in the last seconds go to it while it is up and caught up, the primary answers otherwise (docs/deploy.md)."`
	DBMaxConns         int    `env:"MEMORA_DB_MAX_CONNS" envDefault:"8" doc:"PostgreSQL pool size."`
	Prime              bool   `env:"MEMORA_PRIME" envDefault:"true" doc:"Before serve accepts requests: open the whole PostgreSQL pool (and keep it open), prepare the statements of students' requests on each connection, open Redis connections and load the seasons, so the first requests after a start do not pay for them. false: faster start, slower first seconds."`
	SQLiteReaders      int    `env:"MEMORA_SQLITE_READERS" envDefault:"2" doc:"SQLite reader connections (there is always one writer)."`
	Worker             bool   `env:"MEMORA_WORKER" envDefault:"true" doc:"Run the background job worker inside serve."`
	GCPercent          int    `env:"MEMORA_GC_PERCENT" envDefault:"400" doc:"Go's garbage-collection target for serve and worker (as GOGC: the heap grows by this percentage of the live heap between collections). The server's live heap is small (tens of MB) and its requests allocate quickly, so Go's default of 100 collects several times a second; 400 spends less CPU on it for a heap up to 5 times the live one: on 2 cores a burst of logins (argon2id, 19 MiB per check, one check per core) peaked at 480 MB of RSS against 170 MB at 100, 145 against 75 MB in the review mix after it. GOGC in the environment wins; GOMEMLIMIT, Go's own, caps the heap whichever applies."`

	PrimeSessions int           `env:"MEMORA_PRIME_SESSIONS" envDefault:"20000" doc:"With MEMORA_PRIME: how many of the most recently seen login sessions are loaded, with their students' roles, profiles and access, into the caches in the background once serve accepts requests (in a few set-based queries; an entry a request loaded meanwhile is kept), and the missing leaderboards of their institutions built, so the first requests of the students active before a restart find them cached. 0: none."`
	PrimeWindow   time.Duration `env:"MEMORA_PRIME_WINDOW" envDefault:"15m" doc:"With MEMORA_PRIME_SESSIONS: only sessions seen within this long before the start are loaded."`

	SMTPURL      string   `env:"MEMORA_SMTP_URL" doc:"Optional smtp:// or smtps:// URL (user:password@host:port) for alert e-mail and password-reset links (without it, reset links are written to the log for an admin to pass on)."`
	AlertEmails  []string `env:"MEMORA_ALERT_EMAILS" doc:"Optional comma-separated addresses that receive operational alerts."`
	AlertWebhook string   `env:"MEMORA_ALERT_WEBHOOK" doc:"Optional http(s) URL that receives alerts as JSON POSTs."`

	SafeModeGlobalPerMin   int           `env:"MEMORA_SAFE_MODE_GLOBAL_PER_MIN" envDefault:"500" doc:"Safe Mode: review requests per minute across all players and instances (counted in the database)."`
	SafeModePlayerInterval time.Duration `env:"MEMORA_SAFE_MODE_PLAYER_INTERVAL" envDefault:"30s" doc:"Safe Mode: minimum interval between one player's review requests, whichever instance answers."`

	PprofAddr        string `env:"MEMORA_PPROF_ADDR" doc:"Optional host:port for Go's profiler (net/http/pprof) on its own listener; a non-loopback host is refused unless MEMORA_PPROF_ALLOW_REMOTE=true."`
	PprofAllowRemote bool   `env:"MEMORA_PPROF_ALLOW_REMOTE" envDefault:"false" doc:"Allow MEMORA_PPROF_ADDR on a non-loopback address (the profiler has no authentication)."`
	MetricsAddr      string `env:"MEMORA_METRICS_ADDR" doc:"Optional host:port serving /metrics on its own listener; then the main listener does not serve it."`

	TLSCert        string   `env:"MEMORA_TLS_CERT" doc:"Optional PEM certificate (chain) file: with MEMORA_TLS_KEY, serve HTTPS directly instead of behind a TLS-terminating proxy."`
	TLSKey         string   `env:"MEMORA_TLS_KEY" doc:"PEM private key file of MEMORA_TLS_CERT."`
	TrustedProxies []string `env:"MEMORA_TRUSTED_PROXIES" doc:"Comma-separated CIDRs (or addresses) of reverse proxies whose X-Forwarded-For names the client; without it the peer address is the client (login limits, logs)."`

	Database Database `env:"-"`
	Redis    Redis    `env:"-"`
}

// SiteURL is PublicURL, or http://Addr (a wildcard host becomes 127.0.0.1) when it is not set.
func (c Config) SiteURL() string {
	if c.PublicURL != "" {
		return c.PublicURL
	}
	host, port, _ := net.SplitHostPort(c.Addr)
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// SlogLevel returns LogLevel as a slog.Level (valid after Parse).
func (c Config) SlogLevel() slog.Level {
	switch c.LogLevel {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}
