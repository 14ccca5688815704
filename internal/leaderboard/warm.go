package leaderboard

import (
	"context"
	"fmt"
	"time"

	"memora/internal/clock"
)

// warmInstitutions bounds the institutions whose boards Warm builds: three boards each,
// below the 64 dated boards the embedded store keeps in memory.
const warmInstitutions = 20

// Warm ranks today's dated boards (daily, weekly, monthly, no subject) of the first
// institutions once. On SQLite without Redis a dated board is an aggregate of the
// institution's ledger over the period, built on its first request and then kept in
// memory: built at start, the first requests of a fresh process do not each wait for one
// (a month of 10,000 players' ledger took tens of milliseconds, holding one of the two
// reader connections while every other read queued on the other). Subject boards are
// still built on first use.
func (s *Service) Warm(ctx context.Context) error {
	insts, err := s.Store.InstitutionList(ctx)
	if err != nil {
		return fmt.Errorf("leaderboard warm: %w", err)
	}
	now := s.Clock.Now()
	for i, in := range insts {
		if i == warmInstitutions {
			break
		}
		loc, err := time.LoadLocation(in.TimeZone)
		if err != nil {
			loc = time.UTC // as identity's zones
		}
		for _, p := range []Period{Daily, Weekly, Monthly} {
			sc := Scope{InstitutionID: in.ID, Period: p, Today: clock.Day(now, loc)}
			if _, err := s.Board.Standings(ctx, sc, 0, 1); err != nil {
				return fmt.Errorf("leaderboard warm %s %s: %w", in.ID, p, err)
			}
		}
	}
	return nil
}
