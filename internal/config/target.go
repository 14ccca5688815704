package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Engine is the database engine in use.
type Engine string

// The two supported engines.
const (
	EngineSQLite   Engine = "sqlite"
	EnginePostgres Engine = "postgres"
)

// DefaultSQLitePath is used when MEMORA_DATABASE_URL is empty.
const DefaultSQLitePath = "./data/memora.db"

// Database is the parsed MEMORA_DATABASE_URL.
type Database struct {
	Engine Engine
	// URL is the PostgreSQL connection URL (EnginePostgres only).
	URL string
	// Path is what to hand the SQLite driver: a file path or a file: URI,
	// possibly with ?driver options (EngineSQLite only).
	Path string
}

func parseDatabase(raw string) (Database, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return Database{Engine: EngineSQLite, Path: DefaultSQLitePath}, nil
	case hasScheme(raw, "postgres", "postgresql"):
		if _, err := url.Parse(raw); err != nil {
			return Database{}, errors.New("is not a valid PostgreSQL URL")
		}
		return Database{Engine: EnginePostgres, URL: raw}, nil
	case hasScheme(raw, "sqlite"):
		return sqliteTarget(strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//"))
	case hasScheme(raw, "file"):
		return sqliteTarget(raw)
	case strings.Contains(raw, "://"):
		return Database{}, errors.New("must be a postgres://, postgresql:// or sqlite: URL, or a file path")
	}
	return sqliteTarget(raw)
}

func sqliteTarget(path string) (Database, error) {
	if strings.TrimPrefix(path, "file:") == "" {
		return Database{}, errors.New("names no SQLite file")
	}
	return Database{Engine: EngineSQLite, Path: path}, nil
}

// hasScheme reports whether raw starts with one of schemes followed by ":",
// case-insensitively as URL schemes are.
func hasScheme(raw string, schemes ...string) bool {
	scheme, _, ok := strings.Cut(raw, ":")
	if !ok {
		return false
	}
	for _, s := range schemes {
		if strings.EqualFold(scheme, s) {
			return true
		}
	}
	return false
}

// Redis is the parsed MEMORA_REDIS_URL.
type Redis struct {
	// Addrs are the comma-separated elements, each a redis:// or rediss://
	// URL or a host:port. Empty when Redis is not configured.
	Addrs []string
}

// Enabled reports whether Redis is configured.
func (r Redis) Enabled() bool { return len(r.Addrs) > 0 }

// Cluster reports whether several seed addresses were given.
func (r Redis) Cluster() bool { return len(r.Addrs) > 1 }

func parseRedis(raw string) (Redis, error) {
	addrs := trimList(strings.Split(raw, ","))
	for _, a := range addrs {
		if err := checkRedisAddr(a); err != nil {
			return Redis{}, fmt.Errorf("element %q %w", redact(a), err)
		}
	}
	return Redis{Addrs: addrs}, nil
}

func checkRedisAddr(a string) error {
	if !strings.Contains(a, "://") {
		return checkHostPort(a)
	}
	u, err := url.Parse(a)
	switch {
	case err != nil:
		return errors.New("is not a valid URL")
	case u.Scheme != "redis" && u.Scheme != "rediss":
		return errors.New("must use redis:// or rediss://")
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}

func checkHostPort(a string) error {
	host, port, err := net.SplitHostPort(a)
	if err != nil || host == "" {
		return errors.New("must be a URL or host:port")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return errors.New("has an invalid port")
	}
	return nil
}
