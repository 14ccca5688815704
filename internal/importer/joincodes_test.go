package importer_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/importer"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

const joinCodesFile = `{"format":"memora-import","version":1,
 "institutions":[{"id":"school","name":"School","time_zone":"Asia/Amman"}],
 "join_codes":[
  {"code":"class-10a","institution":"school","max_uses":30,"expires_at":"now+30d"},
  {"code":"OPENDAY1","institution":"school","expires_at":"2027-01-31T23:59:59+03:00"},
  {"code":"OLD2025X","institution":"school","disabled":true}
 ]}`

// Join codes import normalized, with their limits; a re-import keeps their uses, creation
// and disabling times.
func TestJoinCodesImportAndReimportWithoutLosingTheirUses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		f, err := importer.Parse(bytes.NewReader([]byte(joinCodesFile)))
		require.NoError(t, err)
		sum, err := importer.Apply(ctx, s, f, now)
		require.NoError(t, err)
		require.Equal(t, 3, sum.JoinCodes)
		require.Contains(t, sum.String(), "3 join codes")

		c, err := s.JoinCodeGet(ctx, "CLASS10A")
		require.NoError(t, err)
		require.Equal(t, "school", c.InstitutionID)
		require.Equal(t, store.RoleStudent, c.Role)
		require.EqualValues(t, 30, *c.MaxUses)
		require.True(t, now.Add(30*24*time.Hour).Equal(*c.ExpiresAt), "relative to the import's clock")
		require.Equal(t, "import", c.CreatedBy)
		require.Nil(t, c.DisabledAt)
		open, err := s.JoinCodeGet(ctx, "OPENDAY1")
		require.NoError(t, err)
		require.Nil(t, open.MaxUses)
		require.True(t, time.Date(2027, 1, 31, 20, 59, 59, 0, time.UTC).Equal(*open.ExpiresAt))
		old, err := s.JoinCodeGet(ctx, "OLD2025X")
		require.NoError(t, err)
		require.True(t, now.Equal(*old.DisabledAt))

		require.NoError(t, s.JoinCodeUse(ctx, "CLASS10A", now))
		_, err = importer.Apply(ctx, s, f, now.Add(time.Hour))
		require.NoError(t, err)
		c2, err := s.JoinCodeGet(ctx, "CLASS10A")
		require.NoError(t, err)
		require.EqualValues(t, 1, c2.Uses)
		require.True(t, c.CreatedAt.Equal(c2.CreatedAt))
		old2, err := s.JoinCodeGet(ctx, "OLD2025X")
		require.NoError(t, err)
		require.True(t, now.Equal(*old2.DisabledAt), "still disabled since the first import")
	})
}

func TestBadJoinCodesAreReportedAndNothingIsWritten(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		f := &importer.File{Format: importer.FormatName, Version: importer.FormatVersion,
			Institutions: []importer.Institution{{ID: "school", Name: "School"}},
			JoinCodes: []importer.JoinCode{
				{Code: "CLASS-10A", Institution: "school"},
				{Code: "class10a", Institution: "school"},
				{Code: "no!", Institution: "school"},
				{Code: "", Institution: "school"},
				{Code: "NOWHERE1", Institution: "elsewhere"},
				{Code: "NEGATIVE", Institution: "school", MaxUses: -1},
				{Code: "BADTIME1", Institution: "school", ExpiresAt: "next tuesday"},
			}}
		_, err := importer.Apply(ctx, s, f, now)
		require.ErrorIs(t, err, importer.ErrInvalid)
		for _, want := range []string{
			`join_codes[1] "class10a": duplicate code (first defined at join_codes[0])`,
			`join_codes[2] "no!": code must have 4 to 32 letters or digits`,
			`join_codes[3] "": code is required`,
			`join_codes[4] "NOWHERE1": institution "elsewhere" does not exist`,
			`join_codes[5] "NEGATIVE": max_uses -1 is negative`,
			`join_codes[6] "BADTIME1": expires_at: time "next tuesday"`,
		} {
			require.ErrorContains(t, err, want)
		}
		_, err = s.InstitutionGet(ctx, "school")
		require.ErrorIs(t, err, store.ErrNotFound, "an invalid file changes nothing")
	})
}
