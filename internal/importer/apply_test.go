package importer_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/importer"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var now = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

func TestDemoImportsTwiceWithoutChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		f, err := demo.Load(now)
		require.NoError(t, err)
		sum, err := importer.Apply(ctx, s, f, now)
		require.NoError(t, err)
		require.Equal(t, len(f.Lessons), sum.Lessons)
		first := storetest.Fingerprint(t, s)
		require.Equal(t, int64(len(f.Lessons)), first["lessons"])
		require.Positive(t, first["memory_state"])
		require.Positive(t, first["xp_ledger"])
		if s.Engine() == store.Postgres { // imported seasons get their memory-state partition
			require.EqualValues(t, 1, storetest.CountRows(t, s,
				"SELECT count(*) FROM pg_inherits WHERE inhrelid = 'p_season_2026'::regclass AND inhparent = 'memory_state'::regclass"))
		}

		_, err = importer.Apply(ctx, s, f, now.Add(time.Hour))
		require.NoError(t, err)
		require.Empty(t, storetest.Diff(first, storetest.Fingerprint(t, s)), "a second import changed data")
	})
}

// A file that references rows already in the database (not in the file) imports.
func TestImportReferencesKnownRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		f := minimal(t)
		_, err := importer.Apply(ctx, s, f, now)
		require.NoError(t, err)
		users := &importer.File{Format: importer.FormatName, Version: importer.FormatVersion,
			Users: []importer.User{{Email: "new@x.test", Institution: f.Institutions[0].ID, Roles: []string{importer.RoleStudent}}}}
		_, err = importer.Apply(ctx, s, users, now)
		require.NoError(t, err)
		_, err = s.UserGetByEmail(ctx, "new@x.test")
		require.NoError(t, err)
	})
}

// An institution's currency and payment instructions are imported (the code upper-cased); a
// file that leaves them out, or one of them, keeps what is stored.
func TestImportSetsTheInstitutionsCurrencyAndPaymentNotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		f := minimal(t)
		id := f.Institutions[0].ID
		f.Institutions[0].Currency = "jod"
		f.Institutions[0].PaymentNote = "البنك العربي\nJO00 DEMO 0000"
		f.Institutions[0].PaymentNoteEn = "Arab Bank\nJO00 DEMO 0000"
		_, err := importer.Apply(ctx, s, f, now)
		require.NoError(t, err)
		got, err := s.InstitutionSettingsGet(ctx, id)
		require.NoError(t, err)
		require.Equal(t, "JOD", got.Currency)
		require.Equal(t, "البنك العربي\nJO00 DEMO 0000", got.PaymentNote)
		require.Equal(t, "Arab Bank\nJO00 DEMO 0000", got.PaymentNoteEN)

		again := minimal(t)
		again.Institutions[0].PaymentNoteEn = "Pay at the office"
		_, err = importer.Apply(ctx, s, again, now)
		require.NoError(t, err)
		got, err = s.InstitutionSettingsGet(ctx, id)
		require.NoError(t, err)
		require.Equal(t, "JOD", got.Currency, "left out: kept")
		require.Equal(t, "البنك العربي\nJO00 DEMO 0000", got.PaymentNote, "left out: kept")
		require.Equal(t, "Pay at the office", got.PaymentNoteEN)
	})
}

func TestInvalidFilesChangeNothing(t *testing.T) {
	cases := []struct {
		name    string
		corrupt func(f *importer.File)
		want    []string
	}{
		{"bad stage config", func(f *importer.File) {
			for i, l := range f.Lessons {
				for j, st := range l.Stages {
					if st.Type == "quiz" {
						f.Lessons[i].Stages[j].Config = []byte(`{"question":"?","options":["a","b"],"correct_index":5}`)
						return
					}
				}
			}
		}, []string{"lessons[", "stages[", "correct_index 5"}},
		{"dangling reference", func(f *importer.File) { f.Units[0].Track = "no-such-track" }, []string{"units[0]", `track "no-such-track"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s store.Store) {
				ctx := context.Background()
				f, err := demo.Load(now)
				require.NoError(t, err)
				before := storetest.Fingerprint(t, s)
				c.corrupt(f)
				_, err = importer.Apply(ctx, s, f, now)
				require.Error(t, err)
				for _, w := range c.want {
					require.Contains(t, err.Error(), w)
				}
				require.Empty(t, storetest.Diff(before, storetest.Fingerprint(t, s)))
			})
		})
	}
}

func minimal(t *testing.T) *importer.File {
	t.Helper()
	data, err := os.ReadFile("testdata/minimal.json")
	require.NoError(t, err)
	f, err := importer.Parse(bytes.NewReader(data))
	require.NoError(t, err)
	require.True(t, strings.Contains(string(data), "memora-import"))
	return f
}
