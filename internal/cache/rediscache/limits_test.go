package rediscache_test

import (
	"testing"
	"time"

	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/redistest"
)

// Two instances behind a load balancer share one login limit through Redis: attempts counted
// on one are refused on the other once the limit is reached, a refund gives one back, and a
// reset clears it. Without Redis each would allow the limit on its own.
func TestLoginLimitsAreSharedByAllInstancesThroughRedis(t *testing.T) {
	redistest.Run(t, testLoginLimits)
}

func testLoginLimits(t *testing.T, r redistest.Target) {
	prefix := r.Prefix(t, "login")
	instance := func() *identity.FailureLimiter {
		c := rediscache.New(r.Client(t), clock.System{}, rediscache.Options{Timeout: time.Second})
		t.Cleanup(func() { c.Close() })
		l := identity.NewFailureLimiter(3, time.Minute)
		l.Shared = rediscache.LoginCounts{C: c, Prefix: prefix}
		return l
	}
	a, b := instance(), instance()
	now := time.Now()
	for i := range 3 {
		ok, _ := []*identity.FailureLimiter{a, b, a}[i].Take("pupil@school.example", now)
		if !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	ok, wait := b.Take("pupil@school.example", now)
	if ok || wait <= 0 || wait > time.Minute {
		t.Fatalf("4th attempt on the other instance: ok=%v wait=%v", ok, wait)
	}
	if blocked, _ := a.Blocked("pupil@school.example", now); !blocked {
		t.Fatal("not blocked on the first instance")
	}
	a.Refund("pupil@school.example")
	if ok, _ := b.Take("pupil@school.example", now); !ok {
		t.Fatal("a refunded attempt was not given back")
	}
	b.Reset("pupil@school.example")
	if blocked, _ := a.Blocked("pupil@school.example", now); blocked {
		t.Fatal("still blocked after a reset")
	}
	b.Fail("x", now)
	keys := r.Keys(t, prefix+"*")
	if len(keys) == 0 {
		t.Fatal("no key counted")
	}
	for _, k := range keys {
		if len(k) != len(prefix)+32 {
			t.Errorf("key %q is not hashed", k)
		}
	}
}
