package loadgen

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"memora/internal/apitest"
)

// TestLoadgenEndToEnd populates a small institution, drives the real server in-process with
// every action it serves, then the floor, on each engine: correctness only, no timing.
func TestLoadgenEndToEnd(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		rdb := testRedis(t)
		shape := Shape{Students: 40, Records: 30, Sessions: 4, Seed: 3}
		if _, err := Populate(ctx, env.Store, PopulateOptions{Shape: shape, Now: env.Clock.Now(), Redis: rdb,
			WarmRedis: rdb != nil}); err != nil {
			t.Fatal(err)
		}
		mix := servedMix(t, env)
		load := RunOptions{URL: env.URL(), Mix: mix, Students: 12, Population: 40, Shape: shape, Concurrency: 4,
			Duration: 20 * time.Second, Requests: 250, Seed: 3, ServerMetrics: true}
		rep, err := Run(ctx, load)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep, mix)
		checkServerSaw(t, rep, load.Concurrency)
		load.ServerMetrics = false
		if rep.Login == nil || rep.Login.Requests != 12 || rep.Login.Errors != 0 {
			t.Fatalf("logins: %+v", rep.Login)
		}

		// Existing accounts (as the demo's are driven): lessons and pages from each one's own map.
		accounts, err := Run(ctx, RunOptions{URL: env.URL(), Mix: mix, Accounts: []string{Email(5), Email(17), Email(33)},
			Password: Password, Students: 3, Shape: shape, Concurrency: 2, Duration: 20 * time.Second, Requests: 250, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, accounts, mix)
		if accounts.Students != 3 || accounts.Login.Errors != 0 {
			t.Fatalf("accounts: %d students, logins %+v", accounts.Students, accounts.Login)
		}

		// Open loop, students warmed (their first review session opened outside the run).
		load.Students, load.Rate, load.Poisson, load.MaxInFlight, load.Requests = 4, 300, true, 16, 100
		load.Warm = true
		open, err := Run(ctx, load)
		if err != nil {
			t.Fatal(err)
		}
		if open.Mode != "open" || open.Total.TransportErrors != 0 || open.Total.Requests == 0 {
			t.Fatalf("open loop: %+v", open.Total)
		}

		floorMixed, _ := ParseMix("review=2,submit=1")
		floor, err := RunFloor(ctx, FloorOptions{RunOptions: RunOptions{Mix: floorMixed, Students: 10, Population: 40,
			Shape: shape, Concurrency: 2, Duration: 20 * time.Second, Requests: 120, Seed: 3}, Store: env.Store, Redis: rdb,
			Now: env.Clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, floor, floorMixed)
		if c := Compare(rep, floor); mix.Has(ActReview) && len(c.Ratios) == 0 {
			t.Fatal("no ratio to the floor for the review session")
		}
	})
}

// servedMix is every action, weighted alike so each gets requests in a short run, without
// those whose endpoints or pages the server does not serve.
func servedMix(t *testing.T, env *apitest.Env) Mix {
	t.Helper()
	parts := make([]string, len(Actions))
	for i, a := range Actions {
		parts[i] = string(a) + "=10"
	}
	mix, err := ParseMix(strings.Join(parts, ","))
	if err != nil {
		t.Fatal(err)
	}
	return servedOf(t, env, mix)
}

// servedOf is mix without the actions the server does not serve yet: API endpoints it does
// not route, pages a guest gets the 404 page for.
func servedOf(t *testing.T, env *apitest.Env, mix Mix) Mix {
	t.Helper()
	var served []string
	for _, r := range env.App.Routes() {
		served = append(served, r.Pattern)
	}
	var missing []Action
	for _, a := range Actions {
		if a.IsPage() {
			continue
		}
		for _, ep := range a.Endpoints() {
			if !slices.Contains(served, Paths[ep]) {
				missing = append(missing, a)
				t.Logf("%s is not served yet: %s left out of the mix", Paths[ep], a)
				break
			}
		}
	}
	pages, err := MissingActions(context.Background(), env.URL(), mix)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range pages {
		if a.IsPage() {
			missing = append(missing, a)
			t.Logf("page %s is not served yet: %s left out of the mix", pageRoutes[pageEndpoint[a]], a)
		}
	}
	mix, err = mix.Without(missing...)
	if err != nil {
		t.Skipf("the server serves none of the mix's endpoints yet: %v", err)
	}
	return mix
}

// checkServerSaw: the server's own histogram counted the pages the client opened (all under
// the route "/"), give or take the requests in flight when it was read.
func checkServerSaw(t *testing.T, rep *Report, inFlight int) {
	t.Helper()
	var pages int64
	for _, a := range Actions {
		if a.IsPage() {
			e := rep.Endpoint(pageEndpoint[a])
			pages += e.Requests - e.Errors // the 2xx ones
		}
	}
	var server int64
	for _, s := range rep.Server {
		if s.Method == "GET" && s.Route == "/" && s.Status == "2xx" {
			server = s.Requests
			if s.P99 <= 0 || s.Within(10) < 0 {
				t.Errorf("server-side figures of the pages: %+v", s)
			}
		}
	}
	if server > pages || server < pages-int64(inFlight) {
		t.Errorf("the server counted %d page renders, the client %d (%v)", server, pages, rep.Server)
	}
}

// checkReport: every endpoint of the mix was called, and answered without error.
func checkReport(t *testing.T, rep *Report, mix Mix) {
	t.Helper()
	var table strings.Builder
	rep.WriteTable(&table)
	t.Log("\n" + table.String())
	if rep.Total.TransportErrors != 0 {
		t.Errorf("%s: %d transport errors", rep.Name, rep.Total.TransportErrors)
	}
	for _, a := range Actions {
		if !mix.Has(a) {
			continue
		}
		eps := a.Endpoints()
		if rep.Name == "floor" {
			eps = []string{map[Action]string{ActReview: EPFloorReview, ActSubmit: EPFloorSubmit, ActSubmitOnly: EPFloorSubmit}[a]}
		}
		for _, ep := range eps {
			e := rep.Endpoint(ep)
			if e.Requests == 0 {
				t.Errorf("%s: no request to %s (mix %s)", rep.Name, ep, mix)
			}
			if e.Errors != 0 {
				t.Errorf("%s: %d errors on %s: %v", rep.Name, e.Errors, ep, e.ErrorSamples)
			}
		}
	}
}
