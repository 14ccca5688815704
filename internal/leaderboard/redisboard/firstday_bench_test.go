package redisboard

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/leaderboard"
	"memora/internal/redistest"
	"memora/internal/store/pgstore"
)

// FirstDayURLEnv names a PostgreSQL database populated by `memora loadgen populate` for
// BenchmarkFirstRequestOfAPeriod.
const FirstDayURLEnv = "MEMORA_BENCH_LEADERBOARD_DATABASE_URL"

// BenchmarkFirstRequestOfAPeriod times the first get_leaderboard of a day, rolling week and
// month of the loadgen institution (overall, a player beyond the top as the caller), on a
// redis-server of its own: "missing" is a board Redis does not hold, built from the
// ledger's aggregate on the request (every new period before the observers created boards
// ahead; now only a board whose history is unknown); "maintained" is the board the
// observers created before its period began and kept current, read by a fresh process.
//
//	MEMORA_BENCH_LEADERBOARD_DATABASE_URL=postgres://…/populated \
//	  go test -run '^$' -bench BenchmarkFirstRequestOfAPeriod -benchtime 1x -count 3 ./internal/leaderboard/redisboard/
func BenchmarkFirstRequestOfAPeriod(b *testing.B) {
	url := os.Getenv(FirstDayURLEnv)
	if url == "" {
		b.Skipf("%s is not set", FirstDayURLEnv)
	}
	ctx := context.Background()
	st, err := pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	inst, err := st.InstitutionGet(ctx, "loadgen")
	if err != nil {
		b.Fatal(err)
	}
	loc, err := time.LoadLocation(inst.TimeZone)
	if err != nil {
		b.Fatal(err)
	}
	client := redis.NewClient(&redis.Options{Addr: redistest.StartServer(b).Addr()})
	b.Cleanup(func() { client.Close() })
	clk := clock.System{}
	who := identity.Principal{InstitutionID: inst.ID, UserID: 50_000, Location: loc}
	for _, period := range []leaderboard.Period{leaderboard.Daily, leaderboard.Weekly, leaderboard.Monthly} {
		key := boardKey(leaderboard.Scope{InstitutionID: inst.ID, Period: period, Today: who.Today(clk.Now())})
		for _, state := range []string{"missing", "maintained"} {
			b.Run(string(period)+"/"+state, func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					if err := client.Del(ctx, key).Err(); err != nil {
						b.Fatal(err)
					}
					if state == "maintained" { // the board as the observers keep it
						board := &Board{Redis: Direct{client}, Store: st}
						svc := &leaderboard.Service{Board: board, Store: st, Clock: clk}
						if _, err := svc.Get(ctx, who, "", string(period)); err != nil {
							b.Fatal(err)
						}
					}
					board := &Board{Redis: Direct{client}, Store: st} // a fresh process
					svc := &leaderboard.Service{Board: board, Store: st, Clock: clk}
					b.StartTimer()
					if _, err := svc.Get(ctx, who, "", string(period)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
