package redistest

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Slot agrees with the CRC16 of the Redis Cluster specification (its example: "123456789"
// → 0x31C3) and hashes only a key's tag.
func TestSlot(t *testing.T) {
	if got := Slot("123456789"); got != 0x31C3%16384 {
		t.Fatalf("Slot(123456789) = %d", got)
	}
	if Slot("srs:{42}:SEASON-2026") != Slot("{42}") || Slot("lb:{inst}:all") != Slot("lb:{inst}:day:2026-11-25:math") {
		t.Fatal("a hash tag decides the slot")
	}
	if Slot("a{}b") == Slot("{}") {
		t.Fatal("an empty tag is no tag")
	}
}

// A cluster of the test's own forms; it agrees with Slot (CLUSTER KEYSLOT); and a command
// whose keys are in two slots is caught by the clients' hook and the servers' errorstats (the
// checks the cluster variants rely on; done here, not on the shared cluster, whose CROSSSLOT
// count the variants watch). Failover: internal/api's TestReviewClusterMasterKilledMidLoad.
func TestOwnCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts six redis-server processes")
	}
	c := StartCluster(t, time.Second)
	r := Target{Name: "own", Addrs: c.Addrs()}
	rdb := r.open(t)
	defer rdb.Close()
	ctx := context.Background()
	for _, k := range []string{"srs:{42}:SEASON-2026", "lb:{inst-1}:week:2026-11-25", "login:acct:0123", "x"} {
		got, err := rdb.ClusterKeySlot(ctx, k).Result()
		if err != nil || int(got) != Slot(k) {
			t.Fatalf("CLUSTER KEYSLOT %s = %d, %v; Slot = %d", k, got, err, Slot(k))
		}
	}
	h := &slotErrors{}
	rdb.AddHook(h)
	err := rdb.Eval(ctx, "return 1", []string{"{a}", "{b}"}).Err()
	if err == nil || !strings.Contains(err.Error(), "CROSSSLOT") {
		t.Fatalf("a script on two slots: %v", err)
	}
	if got := h.take(); len(got) != 1 {
		t.Fatalf("hook recorded %v", got)
	}
	if n := r.crossSlotErrors(t); n != 1 {
		t.Fatalf("errorstat_CROSSSLOT = %d", n)
	}
}
