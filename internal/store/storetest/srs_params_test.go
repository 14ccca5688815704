package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestSRSParamsVersionsStateAndCurrentSet(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		for _, inst := range []string{"p-a", "p-b"} {
			require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "UTC"}))
		}
		current := func(inst string) store.SRSWeightSet {
			t.Helper()
			set, err := s.SRSParamsCurrent(ctx, inst, "S1")
			require.NoError(t, err)
			inUse, err := s.SRSParamsInUse(ctx, inst, "S1")
			require.NoError(t, err)
			require.Equal(t, set.Version, inUse, "SRSParamsInUse names the version SRSParamsCurrent reads")
			return set
		}
		require.Equal(t, store.SRSWeightSet{}, current("p-a"), "no version: nothing")
		v, err := s.SRSParamsLatestVersion(ctx, "p-a", "S1")
		require.NoError(t, err)
		require.Zero(t, v)

		w := func(x float64) []float64 { return []float64{x, 1.5, 2.25} }
		player := func(id int64) *int64 { return &id }
		version := func(inst string, n int, base float64, players ...int64) []store.SRSParams {
			rows := []store.SRSParams{{InstitutionID: inst, SeasonID: "S1", Version: n, Weights: w(base), ReviewsUsed: 1200,
				LogLossBefore: 0.5, LogLossAfter: 0.45, Source: store.SRSParamsFit, CreatedAt: t0.Add(time.Duration(n) * time.Hour)}}
			for i, p := range players {
				rows = append(rows, store.SRSParams{InstitutionID: inst, SeasonID: "S1", PlayerID: player(p), Version: n,
					Weights: w(base + float64(i+1)/10), ReviewsUsed: 60, LogLossBefore: 0.4, LogLossAfter: 0.39,
					Source: store.SRSParamsFit, CreatedAt: t0})
			}
			return rows
		}
		require.NoError(t, s.SRSParamsInsert(ctx, version("p-a", 1, 1, 7, 8)))
		require.NoError(t, s.SRSParamsInsert(ctx, version("p-b", 1, 9)))
		require.ErrorIs(t, s.SRSParamsInsert(ctx, version("p-a", 1, 3)), store.ErrConflict, "a version is written once")

		set := current("p-a")
		require.Equal(t, 1, set.Version)
		require.Equal(t, w(1), set.Institution)
		require.Equal(t, w(1.1), set.For(7))
		require.Equal(t, w(1.2), set.For(8))
		require.Equal(t, w(1), set.For(99), "a student without a set gets the institution's")

		require.NoError(t, s.SRSParamsInsert(ctx, version("p-a", 2, 2, 7)))
		v, err = s.SRSParamsLatestVersion(ctx, "p-a", "S1")
		require.NoError(t, err)
		require.Equal(t, 2, v)
		set = current("p-a")
		require.Equal(t, 2, set.Version, "auto: the latest version")
		require.Equal(t, w(2.1), set.For(7))
		require.Equal(t, w(2), set.For(8), "student 8 has no set in version 2")

		list, err := s.SRSParamsList(ctx, "p-a", "S1", 10)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, 2, list[0].Version)
		require.Equal(t, 1, list[0].Students)
		require.Equal(t, 2, list[1].Students)
		require.Nil(t, list[1].PlayerID)
		require.Equal(t, w(1), list[1].Weights)
		require.Equal(t, 1200, list[1].ReviewsUsed)
		require.InDelta(t, 0.45, list[1].LogLossAfter, 1e-12)
		require.True(t, list[1].CreatedAt.Equal(t0.Add(time.Hour)))
		list, err = s.SRSParamsList(ctx, "p-a", "S1", 1)
		require.NoError(t, err)
		require.Len(t, list, 1)

		_, err = s.SRSParamStateGet(ctx, "p-a", "S1")
		require.ErrorIs(t, err, store.ErrNotFound)
		one := 1
		pin := store.SRSParamState{InstitutionID: "p-a", SeasonID: "S1", Mode: store.SRSModePinned, PinnedVersion: &one,
			UpdatedBy: "admin@x.test", UpdatedAt: t0}
		require.NoError(t, s.SRSParamStateSet(ctx, pin))
		got, err := s.SRSParamStateGet(ctx, "p-a", "S1")
		require.NoError(t, err)
		require.True(t, got.UpdatedAt.Equal(t0))
		got.UpdatedAt = t0
		require.Equal(t, pin, got)
		set = current("p-a")
		require.Equal(t, 1, set.Version, "pinned")
		require.Equal(t, w(1.2), set.For(8))

		require.NoError(t, s.SRSParamStateSet(ctx, store.SRSParamState{InstitutionID: "p-a", SeasonID: "S1",
			Mode: store.SRSModeDefaults, UpdatedAt: t0}))
		require.Equal(t, store.SRSWeightSet{}, current("p-a"), "defaults: no set")
		require.NoError(t, s.SRSParamStateSet(ctx, store.SRSParamState{InstitutionID: "p-a", SeasonID: "S1",
			Mode: store.SRSModeAuto, UpdatedAt: t0}))
		require.Equal(t, 2, current("p-a").Version)
		require.Equal(t, 1, current("p-b").Version, "institutions are apart")

		n, err := s.SRSParamsPrunePlayers(ctx, "p-a", "S1", 2)
		require.NoError(t, err)
		require.EqualValues(t, 2, n, "version 1's two student sets")
		list, err = s.SRSParamsList(ctx, "p-a", "S1", 10)
		require.NoError(t, err)
		require.Len(t, list, 2, "the institution rows stay")
		require.Zero(t, list[1].Students)
		require.Equal(t, 1, list[0].Students)
		n, err = s.SRSParamsPrunePlayers(ctx, "p-b", "S1", 2)
		require.NoError(t, err)
		require.Zero(t, n)
	})
}

func TestReviewLogFitReadsOneInstitutionsSeasonInPages(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		users := map[string][]int64{}
		for _, inst := range []string{"f-a", "f-b"} {
			require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "UTC"}))
			for _, email := range []string{"1", "2"} {
				u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: inst + email + "@x.test", Enabled: true})
				require.NoError(t, err)
				users[inst] = append(users[inst], u.ID)
			}
		}
		var entries []store.ReviewLogEntry
		for _, inst := range []string{"f-a", "f-b"} {
			for _, u := range users[inst] {
				for i, season := range []string{"S1", "S1", "S1", "S2"} {
					entries = append(entries, store.ReviewLogEntry{UserID: u, SeasonID: season, QuestionID: "q",
						Source: "review", Rating: 1 + i%4, Correct: true, DueAfter: t0, ReviewedAt: t0.Add(time.Duration(i) * time.Hour)})
				}
			}
		}
		require.NoError(t, s.ReviewLogInsert(ctx, entries))
		reviews, students, err := s.ReviewLogFitStats(ctx, "f-a", "S1")
		require.NoError(t, err)
		require.EqualValues(t, 6, reviews)
		require.EqualValues(t, 2, students)

		var got []store.ReviewLogFitRow
		p := store.ReviewLogFitPageParams{InstitutionID: "f-a", SeasonID: "S1", Limit: 4}
		for {
			page, err := s.ReviewLogFitPage(ctx, p)
			require.NoError(t, err)
			if len(page) == 0 {
				break
			}
			got = append(got, page...)
			last := page[len(page)-1]
			p.AfterUserID, p.AfterID = last.UserID, last.ID
		}
		require.Len(t, got, 6)
		for i, r := range got {
			require.Equal(t, users["f-a"][i/3], r.UserID, "in user order")
			require.Equal(t, 1+i%3, r.Rating)
			require.True(t, r.ReviewedAt.Equal(t0.Add(time.Duration(i%3)*time.Hour)))
			if i > 0 && got[i-1].UserID == r.UserID {
				require.Greater(t, r.ID, got[i-1].ID)
			}
		}
	})
}
