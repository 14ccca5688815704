package leaderboard

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"memora/internal/clock"
	"memora/internal/store"
)

// warmStore lists institutions; nothing else of store.Store is used by Warm.
type warmStore struct {
	store.Store
	insts []store.Institution
}

func (w warmStore) InstitutionList(context.Context) ([]store.Institution, error) { return w.insts, nil }

// warmBoard records the scopes it is asked.
type warmBoard struct {
	asked []Scope
	fail  error
}

func (b *warmBoard) Standings(_ context.Context, sc Scope, _ int64, _ int) (Standings, error) {
	b.asked = append(b.asked, sc)
	return Standings{}, b.fail
}

// Warm asks each institution's daily, weekly and monthly board without a subject, on the
// institution's local day.
func TestWarmAsksTodaysDatedBoards(t *testing.T) {
	// 22:30 UTC on 31 January is already 1 February in Amman (UTC+3).
	now := time.Date(2026, 1, 31, 22, 30, 0, 0, time.UTC)
	st := warmStore{insts: []store.Institution{{ID: "amman", TimeZone: "Asia/Amman"}, {ID: "utc", TimeZone: "UTC"}}}
	b := &warmBoard{}
	s := &Service{Board: b, Store: st, Clock: clock.NewFake(now)}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	feb1, jan31 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	want := []Scope{
		{InstitutionID: "amman", Period: Daily, Today: feb1}, {InstitutionID: "amman", Period: Weekly, Today: feb1},
		{InstitutionID: "amman", Period: Monthly, Today: feb1},
		{InstitutionID: "utc", Period: Daily, Today: jan31}, {InstitutionID: "utc", Period: Weekly, Today: jan31},
		{InstitutionID: "utc", Period: Monthly, Today: jan31},
	}
	if !slices.EqualFunc(want, b.asked, func(a, b Scope) bool {
		return a.InstitutionID == b.InstitutionID && a.Period == b.Period && a.Today.Equal(b.Today) && b.SubjectID == nil
	}) {
		t.Fatalf("asked %+v\nwant %+v", b.asked, want)
	}
}

// A board failing stops the warm-up with its error; institutions past the bound are not warmed.
func TestWarmStopsOnErrorAndIsBounded(t *testing.T) {
	fail := errors.New("down")
	s := &Service{Board: &warmBoard{fail: fail}, Store: warmStore{insts: []store.Institution{{ID: "a", TimeZone: "UTC"}}},
		Clock: clock.NewFake(time.Now())}
	if err := s.Warm(context.Background()); !errors.Is(err, fail) {
		t.Fatalf("err %v, want %v", err, fail)
	}
	var many []store.Institution
	for range warmInstitutions + 5 {
		many = append(many, store.Institution{ID: "i", TimeZone: "UTC"})
	}
	b := &warmBoard{}
	s = &Service{Board: b, Store: warmStore{insts: many}, Clock: clock.NewFake(time.Now())}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(b.asked) != 3*warmInstitutions {
		t.Fatalf("asked %d boards, want %d", len(b.asked), 3*warmInstitutions)
	}
}
