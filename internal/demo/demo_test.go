package demo

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
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

// The demo academy prices its store in JOD and says how to pay it in both languages, with a
// bank account that is plainly made up; the other school says nothing.
func TestDemoAcademyTellsHowToPay(t *testing.T) {
	t.Parallel()
	insts := parse(t).Institutions
	require.Len(t, insts, 2)
	academy, other := insts[0], insts[1]
	require.Equal(t, "demo-academy", academy.ID)
	require.Equal(t, "JOD", academy.Currency)
	for _, note := range []string{academy.PaymentNote, academy.PaymentNoteEn} {
		require.Contains(t, note, IBAN)
		require.Contains(t, note, "\n", "one line each: bank, IBAN, beneficiary, reference")
	}
	require.Contains(t, IBAN, "DEMO")
	require.Contains(t, academy.PaymentNote, "الآيبان")
	require.Contains(t, academy.PaymentNoteEn, "IBAN")
	require.Empty(t, other.Currency+other.PaymentNote+other.PaymentNoteEn)
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

// Every published lesson mixes at least three stage types, each subject has reading and video stages,
// and a lesson every student may open (Number Skills, a free-preview unit) shows all five types.
func TestDemoLessonsMixStageTypes(t *testing.T) {
	t.Parallel()
	f := parse(t)
	subjectOf := map[string]string{}
	for _, u := range f.Units {
		subjectOf[u.ID] = u.Subject
	}
	perSubject := map[string]map[string]bool{}
	for _, l := range f.Lessons {
		kinds := map[string]bool{}
		for _, s := range l.Stages {
			kinds[s.Type] = true
		}
		if !l.IsPublished {
			continue
		}
		require.GreaterOrEqual(t, len(kinds), 3, l.ID)
		if perSubject[subjectOf[l.Unit]] == nil {
			perSubject[subjectOf[l.Unit]] = map[string]bool{}
		}
		for k := range kinds {
			perSubject[subjectOf[l.Unit]][k] = true
		}
		if l.ID == "math-skills-1" {
			require.Len(t, kinds, len(catalog.StageTypes()), "the open lesson shows every stage type")
		}
	}
	require.Len(t, perSubject, len(f.Subjects))
	for subject, kinds := range perSubject {
		require.True(t, kinds[catalog.StageReading] && kinds[catalog.StageVideo], subject)
	}
}

// Video stages point to a reserved .test host (RFC 2606) that never resolves: the demo loads nothing
// from another host. The config requires an absolute http(s) URL.
func TestDemoVideosLoadNothingFromAnotherHost(t *testing.T) {
	t.Parallel()
	n := 0
	for _, l := range parse(t).Lessons {
		for _, s := range l.Stages {
			if s.Type != catalog.StageVideo {
				continue
			}
			cfg, err := catalog.ParseStageConfig(s.Type, json.RawMessage(s.Config))
			require.NoError(t, err)
			u, err := url.Parse(cfg.(catalog.VideoConfig).URL)
			require.NoError(t, err)
			require.True(t, strings.HasSuffix(u.Hostname(), ".test"), s.ID)
			n++
		}
	}
	require.GreaterOrEqual(t, n, 3)
}

// Every title and name a student or admin reads has its English translation.
func TestDemoTitlesAreBilingual(t *testing.T) {
	t.Parallel()
	f := parse(t)
	pairs := map[string][2]string{}
	add := func(kind, id, ar, en string) { pairs[kind+" "+id] = [2]string{ar, en} }
	for _, x := range f.Institutions {
		add("institution", x.ID, x.Name, x.NameEn)
	}
	for _, x := range f.Streams {
		add("stream", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Grades {
		add("grade", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Seasons {
		add("season", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Subjects {
		add("subject", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Tracks {
		add("track", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Units {
		add("unit", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Topics {
		add("topic", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.Lessons {
		add("lesson", x.ID, x.Title, x.TitleEn)
	}
	for _, x := range f.SalesItems {
		add("sales item", x.ID, x.Name, x.NameEn)
	}
	for what, p := range pairs {
		require.NotEmpty(t, p[0], what)
		require.NotEmpty(t, p[1], what)
		require.NotEqual(t, p[0], p[1], what)
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

var loadedAt = time.Date(2027, 2, 10, 9, 30, 0, 0, time.UTC)

func TestDemoHistoryIsAlive(t *testing.T) {
	t.Parallel()
	f, err := Load(loadedAt)
	require.NoError(t, err)
	for _, p := range f.Players {
		require.NotEmpty(t, p.Sessions, p.User)
		var due, later int
		for _, m := range p.Memory {
			if mustTime(t, m.Due).After(loadedAt) {
				later++
			} else {
				due++
			}
		}
		require.Positive(t, due, p.User)
		require.Positive(t, later, p.User)
	}
}

// The stored file writes player history relative to the moment it is loaded, so the demo never goes
// stale: loading it on two days gives the same history, moved by the time between them.
func TestDemoHistoryIsWrittenRelativeToNow(t *testing.T) {
	t.Parallel()
	for _, p := range parse(t).Players {
		for _, s := range p.Sessions {
			require.True(t, importer.IsRelativeTime(s.PlayedAt), "%s %s: %s", p.User, s.ID, s.PlayedAt)
		}
		for _, m := range p.Memory {
			require.True(t, importer.IsRelativeTime(m.Due), "%s %s: %s", p.User, m.QuestionID, m.Due)
			require.True(t, importer.IsRelativeTime(m.LastReview), "%s %s: %s", p.User, m.QuestionID, m.LastReview)
		}
	}
	later := loadedAt.Add(90*24*time.Hour + 7*time.Hour)
	a, err := Load(loadedAt)
	require.NoError(t, err)
	b, err := Load(later)
	require.NoError(t, err)
	for i, p := range b.Players {
		for j, s := range p.Sessions {
			require.Equal(t, later.Sub(loadedAt), mustTime(t, s.PlayedAt).Sub(mustTime(t, a.Players[i].Sessions[j].PlayedAt)))
			require.False(t, mustTime(t, s.PlayedAt).After(later))
		}
		for j, m := range p.Memory {
			require.Equal(t, later.Sub(loadedAt), mustTime(t, m.Due).Sub(mustTime(t, a.Players[i].Memory[j].Due)))
		}
	}
	require.Equal(t, a.Lessons, b.Lessons)
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}
