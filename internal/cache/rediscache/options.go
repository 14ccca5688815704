package rediscache

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// UniversalOptions turns MEMORA_REDIS_URL's elements (redis:// or rediss:// URLs, or
// host:port) into go-redis options: one element is a standalone server, several are the
// seed nodes of a Cluster. Credentials, database and TLS come from the first URL. Every
// timeout is timeout and nothing is retried: a slow Redis must fail fast and count towards
// the breaker, since the database can answer instead.
func UniversalOptions(addrs []string, timeout time.Duration) (*redis.UniversalOptions, error) {
	if len(addrs) == 0 {
		return nil, errors.New("redis: no address")
	}
	u := &redis.UniversalOptions{
		DialTimeout: timeout, ReadTimeout: timeout, WriteTimeout: timeout, PoolTimeout: timeout,
		ContextTimeoutEnabled: true, MaxRetries: -1, DialerRetries: 1, DialerRetryTimeout: 10 * time.Millisecond,
	}
	first := true
	for _, a := range addrs {
		if !strings.Contains(a, "://") {
			u.Addrs = append(u.Addrs, a)
			continue
		}
		o, err := redis.ParseURL(a)
		if err != nil {
			return nil, fmt.Errorf("redis: parse url: %w", err)
		}
		u.Addrs = append(u.Addrs, o.Addr)
		if first {
			u.Username, u.Password, u.DB, u.TLSConfig = o.Username, o.Password, o.DB, o.TLSConfig
			first = false
		}
	}
	if len(u.Addrs) > 1 && u.DB != 0 {
		return nil, errors.New("redis: a Cluster has no database number")
	}
	return u, nil
}
