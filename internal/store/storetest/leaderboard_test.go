package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// boardWorld: players a (100 XP), b and c (80, tied), d (50, disabled), e (no XP) in w's
// institution and f (200) in another. Totals, math scores and ledger days agree: each
// player's XP is in math on day0, except b's 30 of it, earned the day before.
type boardWorld struct {
	world
	a, b, c, d, e, f int64
}

func seedBoard(t *testing.T, s store.Store) boardWorld {
	t.Helper()
	ctx := context.Background()
	bw := boardWorld{world: seed(t, s, "")}
	other := seed(t, s, "-other")
	player := func(name, inst string, xp int64, enabled bool) int64 {
		u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: name + "@example.org",
			FullName: "Player " + name, AvatarURL: "/" + name + ".png", Enabled: enabled, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.ProfileUpsert(ctx, store.PlayerProfile{UserID: u.ID, TotalXP: xp, Hearts: 5, CreatedAt: t0, UpdatedAt: t0}))
		if xp > 0 {
			require.NoError(t, s.SubjectScoreSet(ctx, store.SubjectScore{UserID: u.ID, SubjectID: bw.Subject, TotalXP: xp, Level: 1}))
		}
		return u.ID
	}
	bw.a = player("a", bw.Inst, 100, true)
	bw.b = player("b", bw.Inst, 80, true)
	bw.c = player("c", bw.Inst, 80, true)
	bw.d = player("d", bw.Inst, 50, false)
	bw.e = player("e", bw.Inst, 0, true)
	bw.f = player("f", other.Inst, 200, true)
	ledger := func(user int64, inst string, amount int, day time.Time) {
		_, err := s.XPInsert(ctx, store.XPEntry{UserID: user, InstitutionID: inst, SubjectID: &bw.Subject, Source: store.XPFromLesson,
			Ref: fmt.Sprintf("%d-%s-%d", user, day.Format(time.DateOnly), amount), Amount: amount, LocalDay: day, CreatedAt: day})
		require.NoError(t, err)
	}
	ledger(bw.a, bw.Inst, 100, day0)
	ledger(bw.b, bw.Inst, 50, day0)
	ledger(bw.b, bw.Inst, 30, day0.AddDate(0, 0, -1))
	ledger(bw.c, bw.Inst, 80, day0)
	ledger(bw.d, bw.Inst, 50, day0)
	ledger(bw.f, other.Inst, 200, day0)
	return bw
}

func TestLeaderboardStandings(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		bw := seedBoard(t, s)
		yesterday := day0.AddDate(0, 0, -1)
		scopes := map[string]store.BoardScope{
			"all time":         {InstitutionID: bw.Inst},
			"all time subject": {InstitutionID: bw.Inst, SubjectID: &bw.Subject},
			"period":           {InstitutionID: bw.Inst, From: &yesterday, To: &day0},
			"period subject":   {InstitutionID: bw.Inst, SubjectID: &bw.Subject, From: &yesterday, To: &day0},
		}
		for name, sc := range scopes {
			// Ties are ordered by user id desc; disabled, no-XP and other institutions' players
			// are left out.
			top, err := s.LeaderboardTop(ctx, sc, 2)
			require.NoError(t, err, name)
			require.Equal(t, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.c, XP: 80}}, top, name)
			top, err = s.LeaderboardTop(ctx, sc, 50)
			require.NoError(t, err, name)
			require.Equal(t, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.c, XP: 80}, {UserID: bw.b, XP: 80}}, top, name)

			for xp, want := range map[int64]int64{0: 3, 79: 3, 80: 1, 99: 1, 100: 0} {
				n, err := s.LeaderboardCountAbove(ctx, sc, xp)
				require.NoError(t, err, name)
				require.Equal(t, want, n, "%s: enabled players above %d", name, xp)
			}

			scores, err := s.LeaderboardScores(ctx, sc)
			require.NoError(t, err, name)
			require.ElementsMatch(t, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.b, XP: 80},
				{UserID: bw.c, XP: 80}, {UserID: bw.d, XP: 50}}, scores, "%s: every player with XP, disabled too", name)
		}

		today := store.BoardScope{InstitutionID: bw.Inst, From: &day0, To: &day0}
		top, err := s.LeaderboardTop(ctx, today, 50)
		require.NoError(t, err)
		require.Equal(t, []store.BoardScore{{UserID: bw.a, XP: 100}, {UserID: bw.c, XP: 80}, {UserID: bw.b, XP: 50}}, top,
			"one day of the ledger")
		n, err := s.LeaderboardCountAbove(ctx, today, 50)
		require.NoError(t, err)
		require.Equal(t, int64(2), n)
		physics := "phys"
		require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: physics, Title: "فيزياء", CreatedAt: t0}))
		top, err = s.LeaderboardTop(ctx, store.BoardScope{InstitutionID: bw.Inst, SubjectID: &physics}, 50)
		require.NoError(t, err)
		require.Empty(t, top)
	})
}

func TestLeaderboardPlayersAndDays(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		bw := seedBoard(t, s)
		disabled, err := s.LeaderboardDisabled(ctx, bw.Inst)
		require.NoError(t, err)
		require.Equal(t, []int64{bw.d}, disabled)

		require.NoError(t, s.SubjectScoreSet(ctx, store.SubjectScore{UserID: bw.a, SubjectID: bw.Subject, TotalXP: 40, Level: 1}))
		players, err := s.LeaderboardPlayers(ctx, []int64{bw.a, bw.e}, nil)
		require.NoError(t, err)
		require.ElementsMatch(t, []store.BoardPlayer{
			{UserID: bw.a, FullName: "Player a", AvatarURL: "/a.png", LevelXP: 100},
			{UserID: bw.e, FullName: "Player e", AvatarURL: "/e.png", LevelXP: 0},
		}, players)
		players, err = s.LeaderboardPlayers(ctx, []int64{bw.a, bw.e}, &bw.Subject)
		require.NoError(t, err)
		require.ElementsMatch(t, []store.BoardPlayer{
			{UserID: bw.a, FullName: "Player a", AvatarURL: "/a.png", LevelXP: 40},
			{UserID: bw.e, FullName: "Player e", AvatarURL: "/e.png", LevelXP: 0},
		}, players, "the subject score's XP")

		got, err := s.LeaderboardUserScores(ctx, bw.b, day0.AddDate(0, 0, -6), day0)
		require.NoError(t, err)
		require.ElementsMatch(t, []store.UserDayXP{
			{Day: day0.AddDate(0, 0, -1), SubjectID: &bw.Subject, XP: 30},
			{Day: day0, SubjectID: &bw.Subject, XP: 50},
		}, got.Days)
		require.Equal(t, int64(80), got.TotalXP, "the profile's total")
		require.Equal(t, map[string]int64{bw.Subject: 80}, got.Subjects, "the subject scores")
		got, err = s.LeaderboardUserScores(ctx, bw.a, day0.AddDate(0, 0, -10), day0.AddDate(0, 0, -8))
		require.NoError(t, err)
		require.Equal(t, store.UserScores{TotalXP: 100, Subjects: map[string]int64{bw.Subject: 40}}, got,
			"the subject score apart from the total, no ledger in the window")
	})
}
