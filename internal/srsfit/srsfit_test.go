package srsfit_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/srs/revlog"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// joshLog is the shipped py-fsrs review log (12,580 reviews of 1,205 cards).
const joshLog = "../../testdata/fsrs/review-log-josh.csv"

var t0 = time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)

type env struct {
	s     store.Store
	svc   *srsfit.Service
	users map[string][]int64
	// changed counts the Changed calls per institution.
	changed map[string]int
}

// setup makes institutions with students and an active FSRS season "S"; the josh log's
// cards are dealt round-robin to the students of "big" (12 students, every review).
func setup(t *testing.T, s store.Store) *env {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewFake(t0)
	e := &env{s: s, users: map[string][]int64{}, changed: map[string]int{}}
	e.svc = &srsfit.Service{Store: s, Audit: audit.Log{Store: s, Clock: clk}, Clock: clk,
		Changed: func(inst, _ string) { e.changed[inst]++ }}
	require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: "S", Title: "S", StartDate: t0.AddDate(-2, 0, 0),
		EndDate: t0.AddDate(1, 0, 0), IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
		GradeMapping: "binary", CreatedAt: t0}))
	for inst, n := range map[string]int{"big": 12, "few-students": 4, "few-reviews": 12, "other": 1} {
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "UTC"}))
		for i := range n {
			u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: fmt.Sprintf("%s-%d@x.test", inst, i), Enabled: true})
			require.NoError(t, err)
			e.users[inst] = append(e.users[inst], u.ID)
		}
	}
	f, err := os.Open(joshLog)
	require.NoError(t, err)
	defer f.Close()
	reviews, err := revlog.Read(f)
	require.NoError(t, err)
	card := map[string]int{}
	deal := func(inst string, limit int) []store.ReviewLogEntry {
		var out []store.ReviewLogEntry
		for _, rv := range reviews {
			if len(out) == limit {
				break
			}
			c, ok := card[rv.Card]
			if !ok {
				c = len(card)
				card[rv.Card] = c
			}
			users := e.users[inst]
			out = append(out, store.ReviewLogEntry{UserID: users[c%len(users)], SeasonID: "S", QuestionID: rv.Card,
				Source: "review", Rating: int(rv.Rating), Correct: rv.Rating > srs.Again, DueAfter: rv.At, ReviewedAt: rv.At})
		}
		return out
	}
	for inst, limit := range map[string]int{"big": len(reviews), "few-students": 3000, "few-reviews": srsfit.MinReviews - 1} {
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error { return tx.ReviewLogInsert(ctx, deal(inst, limit)) }))
	}
	return e
}

func admin(inst string) identity.Caller {
	return identity.Caller{Principal: identity.Principal{UserID: 1, InstitutionID: inst, Email: "admin@" + inst,
		Roles: []string{store.RoleInstitutionAdmin}}}
}

func auditCount(t *testing.T, s store.Store, action string) int64 {
	return storetest.CountRows(t, s, "SELECT count(*) FROM audit_log WHERE action = '"+action+"'")
}

func TestTheJobFitsTheInstitutionAndItsStudentsAndKeepsPinsAndResets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		e := setup(t, s)

		start := time.Now()
		out, err := e.svc.FitAll(ctx)
		require.NoError(t, err)
		t.Logf("FitAll: %d outcomes in %s", len(out), time.Since(start).Round(time.Millisecond))
		byInst := map[string]srsfit.Outcome{}
		for _, o := range out {
			byInst[o.InstitutionID] = o
		}
		big := byInst["big"]
		require.Equal(t, srsfit.StatusFitted, big.Status, "%+v", big)
		require.Equal(t, 1, big.Version)
		require.EqualValues(t, 12580, big.Reviews)
		require.Equal(t, 12580, big.ReviewsUsed)
		require.Equal(t, 12, big.StudentSets, "every student has ≥ 50 reviews")
		require.Less(t, big.LogLossAfter, big.LogLossBefore, "the fit explains the log better than the defaults")
		require.Equal(t, srsfit.StatusTooFew, byInst["few-students"].Status, "4 students < %d", srsfit.MinStudents)
		require.Equal(t, srsfit.StatusTooFew, byInst["few-reviews"].Status, "%d reviews", srsfit.MinReviews-1)
		require.Equal(t, srsfit.StatusTooFew, byInst["other"].Status)
		require.EqualValues(t, 13, storetest.CountRows(t, s, "SELECT count(*) FROM srs_parameters"), "nothing stored below the minimums")
		require.EqualValues(t, 1, auditCount(t, s, srsfit.ActionFit))
		require.Equal(t, 1, e.changed["big"])

		set, err := s.SRSParamsCurrent(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, 1, set.Version)
		require.Len(t, set.Institution, 21)
		require.Len(t, set.Players, 12)
		student := e.users["big"][0]
		require.NotEqual(t, set.Institution, set.For(student), "a student's own set, shrunk toward the institution's")
		season, err := s.SeasonGet(ctx, "S")
		require.NoError(t, err)
		w, err := scheduling.FittedWeights(ctx, s, "big", student, season)
		require.NoError(t, err)
		require.Equal(t, set.For(student), w)
		w, err = scheduling.FittedWeights(ctx, s, "few-students", e.users["few-students"][0], season)
		require.NoError(t, err)
		require.Nil(t, w, "no fit: the season's weights")

		list, err := e.svc.List(ctx, admin("big"), "", "S")
		require.NoError(t, err)
		require.Equal(t, store.SRSModeAuto, list.Mode)
		require.Equal(t, 1, list.InUse)
		require.Len(t, list.Versions, 1)
		require.Equal(t, 12, list.Versions[0].StudentSets)
		require.True(t, list.Versions[0].InUse)

		// A second fit is a new version; pinned, the job leaves the season alone.
		o, err := e.svc.Fit(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, 2, o.Version)
		list, err = e.svc.Pin(ctx, admin("big"), "big", "S", 1)
		require.NoError(t, err)
		require.Equal(t, store.SRSModePinned, list.Mode)
		require.Equal(t, 1, list.InUse)
		require.EqualValues(t, 1, auditCount(t, s, srsfit.ActionPin))
		o, err = e.svc.Fit(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, srsfit.StatusPinned, o.Status)
		latest, err := s.SRSParamsLatestVersion(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, 2, latest, "a pinned season gets no new version")
		set, err = s.SRSParamsCurrent(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, 1, set.Version, "the pinned version is the one in use")

		_, err = e.svc.Pin(ctx, admin("big"), "big", "S", 9)
		p, ok := problem.As(err)
		require.True(t, ok, "%v", err)
		require.Equal(t, problem.NotFound, p.Kind)

		// Reset: the defaults, and the job leaves it alone.
		list, err = e.svc.Reset(ctx, admin("big"), "", "S")
		require.NoError(t, err)
		require.Equal(t, store.SRSModeDefaults, list.Mode)
		require.Zero(t, list.InUse)
		require.EqualValues(t, 1, auditCount(t, s, srsfit.ActionReset))
		w, err = scheduling.FittedWeights(ctx, s, "big", student, season)
		require.NoError(t, err)
		require.Nil(t, w, "reset: the season's own weights (the FSRS-6 defaults)")
		o, err = e.svc.Fit(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, srsfit.StatusDefaults, o.Status)

		// Unpinned (version 0): the latest fit again, and the job fits again.
		list, err = e.svc.Pin(ctx, admin("big"), "big", "S", 0)
		require.NoError(t, err)
		require.Equal(t, store.SRSModeAuto, list.Mode)
		require.Equal(t, 2, list.InUse)
		o, err = e.svc.Fit(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, 3, o.Version)
		require.EqualValues(t, 12, o.StudentSetsPruned, "version 1's student sets: only the last %d versions keep theirs", srsfit.KeepStudentSets)
		for v, want := range map[int]int64{1: 1, 2: 13, 3: 13} {
			require.Equal(t, want, storetest.CountRows(t, s, fmt.Sprintf("SELECT count(*) FROM srs_parameters WHERE institution_id = 'big' AND version = %d", v)), "version %d", v)
		}
	})
}

func TestAnAdminReachesOnlyTheirInstitution(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		e := setup(t, s)
		_, err := e.svc.Fit(ctx, "big", "S")
		require.NoError(t, err)
		before := storetest.CountRows(t, s, "SELECT count(*) FROM audit_log")
		for name, call := range map[string]func() error{
			"list":  func() error { _, err := e.svc.List(ctx, admin("other"), "big", "S"); return err },
			"pin":   func() error { _, err := e.svc.Pin(ctx, admin("other"), "big", "S", 1); return err },
			"reset": func() error { _, err := e.svc.Reset(ctx, admin("other"), "big", "S"); return err },
			"fit":   func() error { _, err := e.svc.FitNow(ctx, admin("other"), "big", "S"); return err },
		} {
			p, ok := problem.As(call())
			require.True(t, ok, name)
			require.Equal(t, problem.NotFound, p.Kind, name)
		}
		_, err = s.SRSParamStateGet(ctx, "big", "S")
		require.ErrorIs(t, err, store.ErrNotFound, "nothing changed")
		require.Equal(t, before, storetest.CountRows(t, s, "SELECT count(*) FROM audit_log"))
		_, err = e.svc.List(ctx, admin("big"), "", "nope")
		p, ok := problem.As(err)
		require.True(t, ok)
		require.Equal(t, problem.NotFound, p.Kind)
	})
}
