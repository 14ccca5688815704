package litestore

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

// The embedded mode has no Redis, so its dated leaderboards (daily, weekly, monthly, in a
// subject or not) were two aggregates of the institution's ledger over the period per
// request beyond the top: tens of milliseconds of the reader pool's two connections each at
// 10,000 players, which queued every other read behind them. Now a board is aggregated
// once and kept in memory: each request folds in the ledger rows appended since (ids above
// the last one read; the one writer appends them in commit order, so a later read never
// finds a lower id it had not seen) and ranks from memory. Deleted or changed ledger rows
// (erasing a player, deleting a user) count in xp_ledger_changes (triggers): a board built
// under another count is aggregated again. Every answer therefore reads the database's
// committed ledger as the SQL queries do, written by this process or any other.

// maxBoards bounds the boards kept; past it the least recently used is dropped.
const maxBoards = 64

// maxTail is how many appended rows a board folds in before it is aggregated again instead.
const maxTail = 50_000

type boardKey struct {
	institution, subject string
	hasSubject           bool
	from, to             string
}

// ledgerBoard is one dated board: each player's XP over its days up to ledger row last.
type ledgerBoard struct {
	mu      sync.Mutex
	built   bool
	changes int64
	last    int64
	scores  map[int64]int64
	sorted  []store.BoardScore // XP > 0, XP desc then user id desc; nil once scores change
	used    uint64
}

// boardCache holds the boards of a Store.
type boardCache struct {
	mu     sync.Mutex
	boards map[boardKey]*ledgerBoard
	clock  uint64
}

func newBoardCache() *boardCache { return &boardCache{boards: map[boardKey]*ledgerBoard{}} }

func keyOf(sc store.BoardScope) boardKey {
	k := boardKey{institution: sc.InstitutionID, from: date(*sc.From), to: date(*sc.To)}
	if sc.SubjectID != nil {
		k.subject, k.hasSubject = *sc.SubjectID, true
	}
	return k
}

// board returns the scope's board, created empty when missing.
func (c *boardCache) board(k boardKey) *ledgerBoard {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	b := c.boards[k]
	if b == nil {
		if len(c.boards) >= maxBoards {
			var oldest boardKey
			first := true
			for key, ob := range c.boards {
				if first || ob.used < c.boards[oldest].used {
					oldest, first = key, false
				}
			}
			delete(c.boards, oldest)
		}
		b = &ledgerBoard{}
		c.boards[k] = b
	}
	b.used = c.clock
	return b
}

// currentBoard brings the board up to the ledger's last row and calls fn with its ranked
// scores while holding it. The appended rows are read without holding the board, so
// requests waiting for a reader connection do not queue behind each other on it; a build
// (the first request, or after a deletion) holds it, so concurrent requests share it.
func (e executor) currentBoard(ctx context.Context, sc store.BoardScope, fn func(sorted []store.BoardScore)) error {
	k := keyOf(sc)
	b := e.boards.board(k)
	mark, err := e.r.LeaderboardLedgerMark(ctx)
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		b.mu.Lock()
		switch {
		case b.built && b.changes == mark.Changes && b.last >= mark.LastID:
			// Current: nothing appended since, or a later request folded in more.
		case !b.built || b.changes != mark.Changes || mark.LastID-b.last > maxTail || attempt >= 3:
			if err := b.build(ctx, e.r, k, mark); err != nil {
				b.built = false
				b.mu.Unlock()
				return err
			}
		default:
			from := b.last
			b.mu.Unlock()
			tail, err := e.r.LeaderboardLedgerTail(ctx, litedb.LeaderboardLedgerTailParams{After: from, Upto: mark.LastID})
			if err != nil {
				return err
			}
			b.mu.Lock()
			if !b.built || b.changes != mark.Changes || b.last != from {
				b.mu.Unlock()
				continue // moved meanwhile: look again
			}
			b.fold(k, tail)
			b.last = mark.LastID
		}
		b.rank()
		fn(b.sorted)
		b.mu.Unlock()
		return nil
	}
}

// fold adds the board's rows among appended ledger rows.
func (b *ledgerBoard) fold(k boardKey, tail []litedb.LeaderboardLedgerTailRow) {
	for _, r := range tail {
		if r.InstitutionID != k.institution || r.LocalDay < k.from || r.LocalDay > k.to {
			continue
		}
		if k.hasSubject && (r.SubjectID == nil || *r.SubjectID != k.subject) {
			continue
		}
		if r.Amount != 0 {
			b.scores[r.UserID] += r.Amount
			b.sorted = nil
		}
	}
}

// rank sorts the players with XP once the scores changed.
func (b *ledgerBoard) rank() {
	if b.sorted != nil {
		return
	}
	b.sorted = make([]store.BoardScore, 0, len(b.scores))
	for id, xp := range b.scores {
		if xp > 0 {
			b.sorted = append(b.sorted, store.BoardScore{UserID: id, XP: xp})
		}
	}
	slices.SortFunc(b.sorted, func(x, y store.BoardScore) int {
		return cmp.Or(cmp.Compare(y.XP, x.XP), cmp.Compare(y.UserID, x.UserID))
	})
}

// build aggregates the board's days up to the mark.
func (b *ledgerBoard) build(ctx context.Context, q *litedb.Queries, k boardKey, mark litedb.LeaderboardLedgerMarkRow) error {
	scores := map[int64]int64{}
	if k.hasSubject {
		subject := k.subject
		rows, err := q.LeaderboardBoardSubjectPeriod(ctx, litedb.LeaderboardBoardSubjectPeriodParams{
			InstitutionID: k.institution, SubjectID: &subject, FromDay: k.from, ToDay: k.to, Upto: mark.LastID})
		if err != nil {
			return err
		}
		for _, r := range rows {
			scores[r.UserID] = r.Xp
		}
	} else {
		rows, err := q.LeaderboardBoardPeriod(ctx, litedb.LeaderboardBoardPeriodParams{
			InstitutionID: k.institution, FromDay: k.from, ToDay: k.to, Upto: mark.LastID})
		if err != nil {
			return err
		}
		for _, r := range rows {
			scores[r.UserID] = r.Xp
		}
	}
	b.built, b.changes, b.last, b.scores, b.sorted = true, mark.Changes, mark.LastID, scores, nil
	return nil
}

// boardTop is the top of a dated board from memory: enabled players, as the SQL query.
func (e executor) boardTop(ctx context.Context, sc store.BoardScope, limit int) ([]store.BoardScore, error) {
	disabled, err := e.disabledSet(ctx, sc.InstitutionID)
	if err != nil {
		return nil, err
	}
	var out []store.BoardScore
	err = e.currentBoard(ctx, sc, func(sorted []store.BoardScore) {
		for _, s := range sorted {
			if len(out) >= limit {
				break
			}
			if !disabled[s.UserID] {
				out = append(out, s)
			}
		}
	})
	return out, err
}

// boardCountAbove counts the enabled players of a dated board with more than xp.
func (e executor) boardCountAbove(ctx context.Context, sc store.BoardScope, xp int64) (int64, error) {
	disabled, err := e.disabledSet(ctx, sc.InstitutionID)
	if err != nil {
		return 0, err
	}
	var n int64
	err = e.currentBoard(ctx, sc, func(sorted []store.BoardScore) {
		// sorted is XP desc: the players above xp are a prefix.
		above, _ := slices.BinarySearchFunc(sorted, xp, func(s store.BoardScore, xp int64) int {
			return cmp.Compare(xp, s.XP)
		})
		for _, s := range sorted[:above] {
			if !disabled[s.UserID] {
				n++
			}
		}
	})
	return n, err
}

// disabledSet reads the institution's disabled players (a partial index: usually none).
func (e executor) disabledSet(ctx context.Context, institutionID string) (map[int64]bool, error) {
	ids, err := e.r.LeaderboardDisabled(ctx, institutionID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
