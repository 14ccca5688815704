package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// problems collects every validation failure so one start-up attempt shows
// them all.
type problems []error

func (p *problems) add(key, value, problem string) {
	*p = append(*p, varError(key, value, problem))
}

func positive[T int | int64 | time.Duration](p *problems, key string, v T) {
	if v <= 0 {
		p.add(key, fmt.Sprint(v), "must be greater than zero")
	}
}

func (c *Config) validate() []error {
	var p problems
	c.validateServer(&p)
	c.validateStorage(&p)
	c.validateLimits(&p)
	c.validateAlerts(&p)
	c.validateEdge(&p)
	return p
}

func (c *Config) validateServer(p *problems) {
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || !validPort(port) {
		p.add("MEMORA_ADDR", c.Addr, "must be host:port, e.g. 127.0.0.1:8000 or :8000")
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.LogLevel) {
		p.add("MEMORA_LOG_LEVEL", c.LogLevel, "must be one of debug, info, warn, error")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		p.add("MEMORA_LOG_FORMAT", c.LogFormat, "must be text or json")
	}
	positive(p, "MEMORA_GC_PERCENT", c.GCPercent)
	if c.PublicURL != "" {
		if err := checkOrigin(c.PublicURL); err != nil {
			p.add("MEMORA_PUBLIC_URL", c.PublicURL, err.Error())
		}
	}
	for _, o := range c.TrustedOrigins {
		if err := checkOrigin(o); err != nil {
			p.add("MEMORA_TRUSTED_ORIGINS", o, err.Error())
		}
	}
}

func validPort(port string) bool {
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}

// checkOrigin applies http.CrossOriginProtection's rules up front, so a
// typo fails at start-up with the variable's name.
func checkOrigin(o string) error {
	u, err := url.Parse(o)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return errors.New("must be an origin such as https://app.example.org")
	case u.Host == "":
		return errors.New("has no host")
	case u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return errors.New("must be scheme://host[:port] only, without a trailing slash or path")
	}
	return nil
}

func (c *Config) validateStorage(p *problems) {
	var err error
	if c.Database, err = parseDatabase(c.DatabaseURL); err != nil {
		p.add("MEMORA_DATABASE_URL", c.DatabaseURL, err.Error())
	}
	if c.DatabaseReplicaURL != "" {
		if r, err := parseDatabase(c.DatabaseReplicaURL); err != nil || r.Engine != EnginePostgres {
			p.add("MEMORA_DATABASE_REPLICA_URL", c.DatabaseReplicaURL, "must be a postgres:// or postgresql:// URL")
		} else if c.Database.Engine != EnginePostgres {
			p.add("MEMORA_DATABASE_REPLICA_URL", c.DatabaseReplicaURL, "needs a PostgreSQL MEMORA_DATABASE_URL (SQLite has no replicas)")
		}
	}
	if c.Redis, err = parseRedis(c.RedisURL); err != nil {
		p.add("MEMORA_REDIS_URL", c.RedisURL, err.Error())
	}
	positive(p, "MEMORA_DB_MAX_CONNS", c.DBMaxConns)
	positive(p, "MEMORA_SQLITE_READERS", c.SQLiteReaders)
	if c.PrimeSessions < 0 {
		p.add("MEMORA_PRIME_SESSIONS", fmt.Sprint(c.PrimeSessions), "must be zero or more")
	}
	positive(p, "MEMORA_PRIME_WINDOW", c.PrimeWindow)
	positive(p, "MEMORA_REDIS_TIMEOUT", c.RedisTimeout)
}

func (c *Config) validateLimits(p *problems) {
	positive(p, "MEMORA_REQUEST_TIMEOUT", c.RequestTimeout)
	positive(p, "MEMORA_MAX_BODY_BYTES", c.MaxBodyBytes)
	positive(p, "MEMORA_SHUTDOWN_TIMEOUT", c.ShutdownTimeout)
	positive(p, "MEMORA_SESSION_TTL", c.SessionTTL)
	positive(p, "MEMORA_LOGIN_RATE", c.LoginRate)
	positive(p, "MEMORA_LOGIN_WINDOW", c.LoginWindow)
	positive(p, "MEMORA_SAFE_MODE_GLOBAL_PER_MIN", c.SafeModeGlobalPerMin)
	positive(p, "MEMORA_SAFE_MODE_PLAYER_INTERVAL", c.SafeModePlayerInterval)
}

func (c *Config) validateAlerts(p *problems) {
	if c.SMTPURL != "" {
		if err := checkURL(c.SMTPURL, "smtp", "smtps"); err != nil {
			p.add("MEMORA_SMTP_URL", c.SMTPURL, err.Error())
		}
	}
	for _, a := range c.AlertEmails {
		if _, err := mail.ParseAddress(a); err != nil {
			p.add("MEMORA_ALERT_EMAILS", a, "is not an e-mail address")
		}
	}
	if c.AlertWebhook != "" {
		if err := checkURL(c.AlertWebhook, "http", "https"); err != nil {
			p.add("MEMORA_ALERT_WEBHOOK", c.AlertWebhook, err.Error())
		}
	}
}

func checkURL(raw string, schemes ...string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || !slices.Contains(schemes, u.Scheme):
		return fmt.Errorf("must be a %s:// URL", schemes[0])
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}
