package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestMemorySeasonPage(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		for _, u := range []int64{5, 2, 9} {
			require.NoError(t, s.MemoryUpsert(ctx, seasonRows(u, "S1", 3)))
			require.NoError(t, s.MemoryUpsert(ctx, seasonRows(u, "S0", 1)))
		}
		retired := seasonRows(5, "S1", 2)[1]
		retired.Retired = true
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{retired}))

		n, err := s.MemorySeasonCount(ctx, "S1")
		require.NoError(t, err)
		require.EqualValues(t, 9, n)

		var got []store.MemoryDue
		p := store.MemoryPageParams{SeasonID: "S1", Limit: 3}
		for {
			page, err := s.MemorySeasonPage(ctx, p)
			require.NoError(t, err)
			got = append(got, page...)
			if len(page) < p.Limit {
				break
			}
			last := page[len(page)-1]
			p.AfterUserID, p.AfterQuestionID = last.UserID, last.QuestionID
		}
		var keys []string
		for _, d := range got {
			require.Equal(t, "S1", d.SeasonID)
			keys = append(keys, string(rune('0'+d.UserID))+":"+d.QuestionID)
		}
		require.Equal(t, []string{"2:q000", "2:q001", "2:q002", "5:q000", "5:q002", "9:q000", "9:q001", "9:q002"}, keys,
			"key order, retired row left out")
		require.True(t, got[1].Due.Equal(t0.Add(2*time.Hour)))
	})
}

func TestMemorySample(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		for _, u := range []int64{10, 20, 30} {
			require.NoError(t, s.MemoryUpsert(ctx, seasonRows(u, "S1", 4)))
		}
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(20, "S2", 4)))
		fresh := seasonRows(30, "S1", 1)[0]
		fresh.UpdatedAt = t0.Add(time.Minute) // written "just now"
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{fresh}))

		lo, hi, err := s.MemoryUserRange(ctx, []string{"S1"})
		require.NoError(t, err)
		require.Equal(t, []int64{10, 30}, []int64{lo, hi})
		lo, hi, err = s.MemoryUserRange(ctx, []string{"none"})
		require.NoError(t, err)
		require.Equal(t, []int64{0, 0}, []int64{lo, hi})

		cutoff := t0.Add(time.Second)
		n, err := s.MemoryCountUpTo(ctx, []string{"S1", "S2"}, cutoff, 100)
		require.NoError(t, err)
		require.EqualValues(t, 15, n, "16 rows, one in flight")
		n, err = s.MemoryCountUpTo(ctx, []string{"S1", "S2"}, cutoff, 5)
		require.NoError(t, err)
		require.EqualValues(t, 5, n, "stops at the limit")

		rows, err := s.MemorySample(ctx, store.MemorySampleParams{
			SeasonIDs: []string{"S1"}, FromUserID: 15, UpdatedBefore: cutoff, Limit: 6})
		require.NoError(t, err)
		require.Len(t, rows, 6)
		require.EqualValues(t, 20, rows[0].UserID)
		require.EqualValues(t, 30, rows[5].UserID)
		for _, r := range rows {
			require.False(t, r.UserID == 30 && r.QuestionID == "q000", "in-flight row skipped")
		}
		rows, err = s.MemorySample(ctx, store.MemorySampleParams{
			SeasonIDs: []string{"S1", "S2"}, FromUserID: 0, UntilUserID: 20, UpdatedBefore: cutoff, Limit: 100})
		require.NoError(t, err)
		require.Len(t, rows, 4, "window ends before player 20")
	})
}
