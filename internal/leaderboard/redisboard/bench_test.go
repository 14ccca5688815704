package redisboard

import (
	"context"
	"fmt"
	"testing"
	"time"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/leaderboard"
	"memora/internal/store/pgstore"
	"memora/internal/store/storetest"
)

// BenchmarkLeaderboard measures get_leaderboard's service call (standings plus the one
// query naming the 50 and the caller) over 10,000 players with ~25,000 XP credits spread
// over 40 days, on the SQL board and (with MEMORA_TEST_REDIS_URL) the Redis board with its
// sets built. Callers rotate over every player, so most are ranked beyond the top 50.
// PostgreSQL tables are analyzed first, as autovacuum does in the steady state.
//
//	go test -run '^$' -bench BenchmarkLeaderboard -benchtime 2000x ./internal/leaderboard/redisboard/
func BenchmarkLeaderboard(b *testing.B) {
	client := testRedis(b)
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			s := storetest.Open(b, e)
			h := newHistory(b, s, uniqueInstitution(b, client), 10000, today)
			if pg, ok := s.(*pgstore.Store); ok { // steady state: autovacuum has analyzed the tables
				if _, err := pg.Pool().Exec(context.Background(), "ANALYZE"); err != nil {
					b.Fatal(err)
				}
			}
			sql := leaderboard.SQLBoard{Store: s}
			boards := []struct {
				name  string
				board leaderboard.Board
			}{{"sql", sql}}
			if client != nil {
				boards = append(boards, struct {
					name  string
					board leaderboard.Board
				}{"redis", &Board{Redis: Direct{client}, Store: s, Fallback: sql}})
			}
			clk := clock.NewFake(today.Add(9 * time.Hour))
			for _, bd := range boards {
				svc := &leaderboard.Service{Board: bd.board, Store: s, Clock: clk}
				for _, tc := range []struct{ period, subject string }{
					{"all_time", ""}, {"weekly", ""}, {"monthly", h.subjects[0]},
				} {
					name := fmt.Sprintf("%s/%s", bd.name, tc.period)
					if tc.subject != "" {
						name += "_subject"
					}
					b.Run(name, func(b *testing.B) {
						ctx := context.Background()
						who := identity.Principal{InstitutionID: h.inst, Location: time.UTC}
						if _, err := svc.Get(ctx, who, tc.subject, tc.period); err != nil { // builds the Redis set
							b.Fatal(err)
						}
						b.ResetTimer()
						for i := 0; b.Loop(); i++ {
							who.UserID = h.users[i%len(h.users)]
							if _, err := svc.Get(ctx, who, tc.subject, tc.period); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			}
		})
	}
}
