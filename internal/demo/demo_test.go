package demo

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/catalog"
	"memora/internal/importer"
)

func parse(t *testing.T) *importer.File {
	t.Helper()
	f, err := importer.Parse(bytes.NewReader(File()))
	require.NoError(t, err)
	return f
}

func TestDemoFileValidates(t *testing.T) {
	t.Parallel()
	require.NoError(t, parse(t).Validate())
}

func TestAccountsAreTheFileUsers(t *testing.T) {
	t.Parallel()
	f := parse(t)
	users := make(map[string]importer.User)
	for _, u := range f.Users {
		users[u.Email] = u
	}
	players := make(map[string]bool)
	for _, p := range f.Players {
		players[p.User] = true
	}
	require.Len(t, Accounts(), len(f.Users))
	for _, a := range Accounts() {
		u, ok := users[a.Email]
		require.True(t, ok, a.Email)
		require.Equal(t, []string{a.Role}, u.Roles, a.Email)
		require.Equal(t, a.Institution, u.Institution, a.Email)
		require.Equal(t, a.HasProfile, players[a.Email], a.Email)
	}
	require.False(t, players["student@demo.memora.test"], "the main student must go through onboarding")
}

// TestDemoCoversTheProduct checks the shape promised for the demo: free, paid and free-preview content,
// both unit structures, linear and non-linear topics, every stage type, history for leaderboards.
func TestDemoCoversTheProduct(t *testing.T) {
	t.Parallel()
	f := parse(t)
	require.Len(t, f.Subjects, 3)
	require.Len(t, f.Institutions, 2)
	require.Equal(t, "Asia/Amman", f.Institutions[0].TimeZone)

	var free, paid, soldSeparately, freeTrackInPaid, freePreviewUnit, linearTopics bool
	paidSubjects := map[string]bool{}
	for _, s := range f.Subjects {
		free = free || !s.IsPaid
		paid = paid || s.IsPaid
		paidSubjects[s.ID] = s.IsPaid
	}
	for _, tr := range f.Tracks {
		soldSeparately = soldSeparately || tr.IsSoldSeparately
		freeTrackInPaid = freeTrackInPaid || (!tr.IsPaid && paidSubjects[tr.Subject])
	}
	structures := map[string]int{}
	for _, u := range f.Units {
		structures[u.StructureType]++
		freePreviewUnit = freePreviewUnit || (u.IsFreePreview && paidSubjects[u.Subject])
		linearTopics = linearTopics || u.IsLinearTopics
	}
	require.True(t, free && paid && soldSeparately && freeTrackInPaid && freePreviewUnit && linearTopics)
	require.Positive(t, structures[importer.TopicBased])
	require.Positive(t, structures[importer.LessonBased])

	var freeItem bool
	for _, it := range f.SalesItems {
		freeItem = freeItem || (it.DiscountedPriceCents != nil && *it.DiscountedPriceCents == 0 && it.Active())
	}
	require.True(t, freeItem, "a discounted item with price 0")
}

func TestDemoSeasons(t *testing.T) {
	t.Parallel()
	f := parse(t)
	today := "2026-11-25"
	var active, ended int
	for _, s := range f.Seasons {
		if s.IsActive {
			active++
			require.True(t, s.StartDate <= today && today <= s.EndDate, s.ID)
		} else if s.EndDate < today {
			ended++
		}
	}
	require.Equal(t, 1, active)
	require.Positive(t, ended)
}

func TestDemoLessons(t *testing.T) {
	t.Parallel()
	f := parse(t)
	published, unpublished := 0, 0
	types := map[string]int{}
	for _, l := range f.Lessons {
		if !l.IsPublished {
			unpublished++
			continue
		}
		published++
		require.GreaterOrEqual(t, len(l.Stages), 3, l.ID)
		require.LessOrEqual(t, len(l.Stages), 5, l.ID)
		for _, s := range l.Stages {
			types[s.Type]++
			checkStageShape(t, l.ID, s)
		}
	}
	require.GreaterOrEqual(t, published, 30)
	require.Positive(t, unpublished)
	for _, typ := range catalog.StageTypes() {
		require.Positive(t, types[typ], typ)
	}
}

func checkStageShape(t *testing.T, lesson string, s importer.Stage) {
	cfg, err := catalog.ParseStageConfig(s.Type, json.RawMessage(s.Config))
	require.NoError(t, err)
	switch cfg := cfg.(type) {
	case catalog.RevealConfig:
		require.LessOrEqual(t, len(cfg.Highlights), 3, s.ID)
	case catalog.MatchingConfig:
		require.GreaterOrEqual(t, len(cfg.Pairs), 3, s.ID)
		require.LessOrEqual(t, len(cfg.Pairs), 4, s.ID)
	case catalog.QuizConfig:
		require.Len(t, cfg.Options, 4, s.ID)
	}
}

func TestDemoHistoryIsAlive(t *testing.T) {
	t.Parallel()
	f, err := Load(mustTime(t, Anchor))
	require.NoError(t, err)
	anchor := mustTime(t, Anchor)
	for _, p := range f.Players {
		require.NotEmpty(t, p.Sessions, p.User)
		var due, later int
		for _, m := range p.Memory {
			if mustTime(t, m.Due).Before(anchor) {
				due++
			} else {
				later++
			}
		}
		require.Positive(t, due, p.User)
		require.Positive(t, later, p.User)
	}
}

func TestLoadMovesHistoryToNow(t *testing.T) {
	t.Parallel()
	now := mustTime(t, "2027-02-10T09:30:00Z")
	moved, err := Load(now)
	require.NoError(t, err)
	stored := parse(t)
	shift := now.Sub(mustTime(t, Anchor))
	for i, p := range moved.Players {
		orig := stored.Players[i]
		for j, s := range p.Sessions {
			require.Equal(t, shift, mustTime(t, s.PlayedAt).Sub(mustTime(t, orig.Sessions[j].PlayedAt)))
			require.False(t, mustTime(t, s.PlayedAt).After(now))
		}
		for j, m := range p.Memory {
			require.Equal(t, shift, mustTime(t, m.Due).Sub(mustTime(t, orig.Memory[j].Due)))
		}
	}
	require.NoError(t, moved.Validate())
	require.Equal(t, stored.Lessons, moved.Lessons)
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}
