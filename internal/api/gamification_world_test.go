package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/clock"
	"memora/internal/progress"
	"memora/internal/store"
)

// gameWorld is an institution in Asia/Amman (UTC+3) with grade G12 (streams sci, lit), the
// active season 2026/27, subjects math and phys (a track each) and its players.
type gameWorld struct {
	env  *apitest.Env
	inst string
	seq  int
}

const (
	gmSeason = "S2627"
	gmGrade  = "G12"
	gmSci    = "sci"
	gmLit    = "lit"
	gmMath   = "math"
	gmPhys   = "phys"
)

var amman = mustZone("Asia/Amman")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func newGameWorld(t testing.TB, env *apitest.Env, inst string) *gameWorld {
	t.Helper()
	ctx := context.Background()
	s := env.Store
	env.Institution(inst)
	at := apitest.Start.AddDate(-1, 0, 0)
	require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: gmSci, Title: "علمي", TitleEN: "Scientific", Position: 1}))
	require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: gmLit, Title: "أدبي", TitleEN: "Literary", Position: 2}))
	require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: gmGrade, Title: "التوجيهي", Position: 1, ValidStreams: []string{gmSci, gmLit}}))
	require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "G10", Title: "العاشر", Position: 2}))
	require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: gmSeason, Title: "2026/27", StartDate: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		EndDate: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), IsActive: true, Scheduler: store.SchedulerFSRS,
		DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: at}))
	for _, sub := range []store.Subject{{ID: gmMath, Title: "رياضيات", TitleEN: "Math"}, {ID: gmPhys, Title: "فيزياء", TitleEN: "Physics"}} {
		sub.IsPublished, sub.IsPaid, sub.CreatedAt = true, true, at
		require.NoError(t, s.SubjectUpsert(ctx, sub))
		require.NoError(t, s.TrackUpsert(ctx, store.Track{ID: sub.ID + "-main", SubjectID: sub.ID, Title: sub.TitleEN,
			IsDefault: true, IsPublished: true, CreatedAt: at}))
	}
	return &gameWorld{env: env, inst: inst}
}

// player logs a new student in with a profile (G12 scientific, the active season) and xp.
func (w *gameWorld) player(t testing.TB, email string, xp int64) (*apitest.Client, store.User) {
	t.Helper()
	c, u := w.env.LoginAs(email, w.inst)
	grade, stream, season := gmGrade, gmSci, gmSeason
	require.NoError(t, w.env.Store.ProfileUpsert(context.Background(), store.PlayerProfile{UserID: u.ID, GradeID: &grade,
		StreamID: &stream, SeasonID: &season, TotalXP: xp, Hearts: 5, CreatedAt: apitest.Start, UpdatedAt: apitest.Start}))
	return c, u
}

// play records a played session at `at` and credits its XP as lesson play and reviews do:
// the session, the ledger row, the profile total and the subject score in one transaction,
// on the institution-local day of at.
func (w *gameWorld) play(t testing.TB, u store.User, kind string, at time.Time, xp int, subject *string) {
	t.Helper()
	ctx := context.Background()
	w.seq++
	local := clock.Day(at, amman)
	ref := fmt.Sprintf("s%d", w.seq)
	credit := progress.Credit{UserID: u.ID, InstitutionID: u.InstitutionID, SubjectID: subject, Source: kind, Ref: ref,
		Amount: xp, At: at, Day: local}
	var credited bool
	require.NoError(t, w.env.Store.InTx(ctx, func(tx store.Executor) error {
		if _, _, err := tx.SessionInsert(ctx, store.GameplaySession{UserID: u.ID, InstitutionID: u.InstitutionID,
			ClientSessionID: ref, Kind: kind, SubjectID: subject, XPEarned: xp, LocalDay: local, CreatedAt: at}); err != nil {
			return err
		}
		var err error
		credited, err = progress.Apply(ctx, tx, credit)
		return err
	}))
	if credited {
		w.env.App.XPObservers.Credited(ctx, []progress.Credit{credit})
	}
}

// players adds n players without a login (in one transaction), the i-th with xp(i) XP.
func (w *gameWorld) players(t testing.TB, n int, xp func(i int) int64) []store.User {
	t.Helper()
	ctx := context.Background()
	out := make([]store.User, n)
	require.NoError(t, w.env.Store.InTx(ctx, func(tx store.Executor) error {
		for i := range out {
			u, err := tx.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.inst, Email: fmt.Sprintf("bulk%d@%s.test", i, w.inst),
				FullName: fmt.Sprintf("Player %d", i), Enabled: true, CreatedAt: apitest.Start})
			if err != nil {
				return err
			}
			out[i] = u
			err = tx.ProfileUpsert(ctx, store.PlayerProfile{UserID: u.ID, TotalXP: xp(i), Hearts: 5, CreatedAt: apitest.Start, UpdatedAt: apitest.Start})
			if err != nil {
				return err
			}
		}
		return nil
	}))
	return out
}

// remember stores memory items of the user in the active season and returns them.
func (w *gameWorld) remember(t testing.TB, u store.User, subject *string, level, n int, due time.Time) []store.MemoryState {
	t.Helper()
	items := make([]store.MemoryState, n)
	for i := range items {
		w.seq++
		items[i] = store.MemoryState{UserID: u.ID, SeasonID: gmSeason, QuestionID: fmt.Sprintf("q%d", w.seq), SubjectID: subject,
			Level: level, Due: due, CreatedAt: apitest.Start, UpdatedAt: apitest.Start}
	}
	require.NoError(t, w.env.Store.MemoryUpsert(context.Background(), items))
	return items
}
