package importer_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/importer"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// Relative times are resolved against the clock Apply is given: the same file loaded on two days keeps
// its history the same distance from "now".
func TestApplyResolvesRelativeTimesAgainstItsClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		f := minimal(t)
		p := &f.Players[0]
		p.Sessions[0].PlayedAt = "now-2d"
		p.Memory[1].LastReview, p.Memory[1].Due = "now-2d", "now-3h"
		loadedAt := time.Date(2027, 5, 10, 6, 0, 0, 0, time.UTC)
		_, err := importer.Apply(ctx, s, f, loadedAt)
		require.NoError(t, err)

		u, err := s.UserGetByEmail(ctx, p.User)
		require.NoError(t, err)
		sess, err := s.SessionGetByClientID(ctx, u.ID, "import:"+p.Sessions[0].ID)
		require.NoError(t, err)
		require.True(t, sess.CreatedAt.Equal(loadedAt.Add(-48*time.Hour)), "played at %s", sess.CreatedAt)
		require.Equal(t, "2027-05-08", sess.LocalDay.Format(time.DateOnly), "the local day follows the resolved time")
		m, err := s.MemoryGet(ctx, u.ID, p.Memory[1].Season, p.Memory[1].QuestionID)
		require.NoError(t, err)
		require.True(t, m.Due.Equal(loadedAt.Add(-3*time.Hour)), "due %s", m.Due)
		require.True(t, m.LastReview.Equal(loadedAt.Add(-48*time.Hour)), "last review %s", m.LastReview)
		require.Equal(t, "now-2d", p.Sessions[0].PlayedAt, "Apply does not change the caller's file")
	})
}

// A relative due date before an absolute last review is caught once Apply knows what "now" is.
func TestApplyComparesRelativeAndAbsoluteTimesOnceResolved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		f := minimal(t)
		f.Players[0].Memory[0].Due = "now-1d" // last_review is 2026-11-24, due would be 2026-11-21
		require.NoError(t, f.Validate(), "without a clock the two forms are not compared")
		before := storetest.Fingerprint(t, s)
		_, err := importer.Apply(context.Background(), s, f, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
		require.ErrorIs(t, err, importer.ErrInvalid)
		require.ErrorContains(t, err, "is before last_review")
		require.Empty(t, storetest.Diff(before, storetest.Fingerprint(t, s)))
	})
}
