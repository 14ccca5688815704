package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/leaderboard"
)

// maxPrimedBoardInstitutions bounds the institutions whose boards priming builds.
const maxPrimedBoardInstitutions = 16

// boardPreparer is a board that can build a missing set ahead of its requests (redisboard).
type boardPreparer interface {
	Prepare(ctx context.Context, sc leaderboard.Scope) (bool, error)
}

// primeBoards builds the missing leaderboards (the four periods, all subjects) of the
// institutions with the most primed students, or of every institution when none was primed
// and there are few (a first deploy, or Redis lost its sets): otherwise the first
// get_leaderboard of each board waits for its build. It reports how many it built; a board
// that exists is left alone, and a build a request started meanwhile is joined.
func (a *App) primeBoards(ctx context.Context, who []identity.Principal, now time.Time) (int, error) {
	b, ok := a.Leaderboard.Board.(boardPreparer)
	if !ok {
		return 0, nil
	}
	students := map[string]int{}
	for _, p := range who {
		students[p.InstitutionID]++
	}
	if len(students) == 0 {
		list, err := a.Store.InstitutionList(ctx)
		if err != nil {
			return 0, fmt.Errorf("prime boards: %w", err)
		}
		if len(list) > maxPrimedBoardInstitutions {
			return 0, nil
		}
		for _, inst := range list {
			students[inst.ID] = 0
		}
	}
	ids := make([]string, 0, len(students))
	for id := range students {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int { return cmp.Or(students[y]-students[x], cmp.Compare(x, y)) })
	ids = ids[:min(len(ids), maxPrimedBoardInstitutions)]
	n := 0
	for _, id := range ids {
		loc, err := a.Identity.Location(ctx, id)
		if err != nil {
			return n, fmt.Errorf("prime boards: %w", err)
		}
		for _, p := range []leaderboard.Period{leaderboard.AllTime, leaderboard.Weekly, leaderboard.Daily, leaderboard.Monthly} {
			built, err := b.Prepare(ctx, leaderboard.Scope{InstitutionID: id, Period: p, Today: clock.Day(now, loc)})
			if err != nil {
				return n, fmt.Errorf("prime boards: %w", err)
			}
			if built {
				n++
			}
		}
	}
	return n, nil
}
