package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/importer"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// A player entry that lists only some fields updates those fields: a later file that brings
// only new sessions does not reset the grade, season, XP, gems or hearts an earlier import (or
// the player) set, and one that gives only total_xp changes only the XP.
func TestAPartialPlayerEntryUpdatesOnlyTheFieldsItGives(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		_, err := importer.Apply(ctx, s, minimal(t), now)
		require.NoError(t, err)
		u, err := s.UserGetByEmail(ctx, "pupil@tiny.memora.test")
		require.NoError(t, err)
		before, err := s.ProfileGet(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, "grade-7", *before.GradeID)
		require.EqualValues(t, 36, before.TotalXP)

		sessionsOnly := parse(t, `{"format":"memora-import","version":1,"players":[{"user":"pupil@tiny.memora.test",
			"sessions":[{"id":"tiny-2","kind":"review","subject":"science","xp_earned":0,"played_at":"2026-11-24T18:00:00+03:00"}]}]}`)
		_, err = importer.Apply(ctx, s, sessionsOnly, now)
		require.NoError(t, err)
		after, err := s.ProfileGet(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, *before.GradeID, *after.GradeID, "grade kept")
		require.Equal(t, *before.SeasonID, *after.SeasonID, "season kept")
		require.Equal(t, before.TotalXP, after.TotalXP, "XP kept")
		require.Equal(t, before.Gems, after.Gems)
		require.Equal(t, before.Hearts, after.Hearts)

		xpOnly := parse(t, `{"format":"memora-import","version":1,"players":[{"user":"pupil@tiny.memora.test","total_xp":50}]}`)
		_, err = importer.Apply(ctx, s, xpOnly, now)
		require.NoError(t, err)
		after, err = s.ProfileGet(ctx, u.ID)
		require.NoError(t, err)
		require.EqualValues(t, 50, after.TotalXP)
		require.Equal(t, *before.GradeID, *after.GradeID, "grade kept")
		require.Equal(t, *before.SeasonID, *after.SeasonID, "season kept")
	})
}

func parse(t *testing.T, doc string) *importer.File {
	t.Helper()
	f, err := importer.Parse(strings.NewReader(doc))
	require.NoError(t, err)
	return f
}
