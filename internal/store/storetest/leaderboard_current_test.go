package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// TestLeaderboardFollowsTheLedger reads dated boards, then changes the ledger between reads
// (credits in and out of the window, the subject and the institution, an erased player, a
// new user who may get the erased one's id): every read answers from the committed ledger
// (SQLite ranks dated boards from memory and folds in appended rows, so this checks it
// never serves a stale board).
func TestLeaderboardFollowsTheLedger(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		bw := seedBoard(t, s)
		yesterday := day0.AddDate(0, 0, -1)
		period := store.BoardScope{InstitutionID: bw.Inst, From: &yesterday, To: &day0}
		subject := store.BoardScope{InstitutionID: bw.Inst, SubjectID: &bw.Subject, From: &yesterday, To: &day0}
		check := func(sc store.BoardScope, want []store.BoardScore, above map[int64]int64) {
			t.Helper()
			top, err := s.LeaderboardTop(ctx, sc, 50)
			require.NoError(t, err)
			require.Equal(t, want, top)
			for xp, n := range above {
				got, err := s.LeaderboardCountAbove(ctx, sc, xp)
				require.NoError(t, err)
				require.Equal(t, n, got, "above %d", xp)
			}
		}
		check(period, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.c, XP: 80}, {UserID: bw.b, XP: 80}}, map[int64]int64{79: 3, 100: 0})
		check(subject, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.c, XP: 80}, {UserID: bw.b, XP: 80}}, map[int64]int64{79: 3})

		credit := func(user int64, inst string, subject *string, amount int, ref string, day time.Time) {
			t.Helper()
			_, err := s.XPInsert(ctx, store.XPEntry{UserID: user, InstitutionID: inst, SubjectID: subject, Source: store.XPFromReview,
				Ref: ref, Amount: amount, LocalDay: day, CreatedAt: day})
			require.NoError(t, err)
		}
		other := seed(t, s, "-other2")
		credit(bw.c, bw.Inst, &bw.Subject, 30, "c-more", day0)                     // c: 110 in both
		credit(bw.a, bw.Inst, nil, 5, "a-no-subject", day0)                        // a: 105, 100 in the subject
		credit(bw.b, bw.Inst, &bw.Subject, 40, "b-before", day0.AddDate(0, 0, -2)) // outside the window
		credit(bw.f, other.Inst, &bw.Subject, 500, "f-more", day0)                 // another institution
		check(period, []store.BoardScore{{UserID: bw.c, XP: 110}, {UserID: bw.a, XP: 105}, {UserID: bw.b, XP: 80}},
			map[int64]int64{100: 2, 105: 1, 110: 0})
		check(subject, []store.BoardScore{{UserID: bw.c, XP: 110}, {UserID: bw.a, XP: 100}, {UserID: bw.b, XP: 80}},
			map[int64]int64{99: 2, 100: 1})

		// c is erased (their ledger rows go), then a new player may be given c's id.
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			_, err := tx.UserErase(ctx, bw.c, "c@example.org")
			return err
		}))
		check(period, []store.BoardScore{{UserID: bw.a, XP: 105}, {UserID: bw.b, XP: 80}}, map[int64]int64{0: 2, 80: 1})
		g, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: bw.Inst, Email: "g@example.org",
			FullName: "Player g", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		credit(g.ID, bw.Inst, &bw.Subject, 7, "g-first", day0)
		check(period, []store.BoardScore{{UserID: bw.a, XP: 105}, {UserID: bw.b, XP: 80}, {UserID: g.ID, XP: 7}}, map[int64]int64{0: 3, 7: 2})
		check(subject, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.b, XP: 80}, {UserID: g.ID, XP: 7}}, map[int64]int64{0: 3})
	})
}
