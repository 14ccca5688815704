package play_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/play"
	"memora/internal/progress"
	"memora/internal/record"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

type heard struct {
	credits []progress.Credit
	states  []store.MemoryState
}

func (h *heard) Credited(_ context.Context, c []progress.Credit) { h.credits = append(h.credits, c...) }

func (h *heard) Updated(_ context.Context, _ int64, _ string, s []store.MemoryState) {
	h.states = append(h.states, s...)
}

func seedLesson(t *testing.T, st store.Store) identity.Principal {
	ctx := context.Background()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	must := func(err error) { require.NoError(t, err) }
	must(st.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
	must(st.GradeUpsert(ctx, store.Grade{ID: "g", Title: "g"}))
	must(st.SeasonUpsert(ctx, store.Season{ID: "s", StartDate: at, EndDate: at.AddDate(1, 0, 0), Scheduler: store.SchedulerFSRS,
		DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: at}))
	must(st.SubjectUpsert(ctx, store.Subject{ID: "sub", Title: "sub", IsPublished: true, CreatedAt: at}))
	must(st.TrackUpsert(ctx, store.Track{ID: "tr", SubjectID: "sub", Title: "tr", IsPublished: true, CreatedAt: at}))
	must(st.UnitUpsert(ctx, store.Unit{ID: "u", SubjectID: "sub", TrackID: "tr", Title: "u", StructureType: store.LessonBased,
		IsPublished: true, CreatedAt: at}))
	must(st.LessonUpsert(ctx, store.Lesson{ID: "l", UnitID: "u", Title: "l", XPReward: 5, IsPublished: true, CreatedAt: at}))
	must(st.StagesReplace(ctx, "l", []store.Stage{{ID: "l-q", Title: "q", Type: catalog.StageQuiz,
		Config: json.RawMessage(`{"question":"q","options":["a","b"],"correct_index":1}`)}}))
	must(st.PlanUpsert(ctx, store.Plan{ID: "p", GradeID: "g", SeasonID: "s", UpdatedAt: at,
		Subjects: []store.PlanSubject{{SubjectID: "sub", SelectionType: store.SelectAllUnits}}}))
	u, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "i", Email: "s@i.test", Enabled: true, CreatedAt: at})
	must(err)
	season := "s"
	must(st.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g", SeasonID: &season, Now: at}))
	return identity.Principal{UserID: u.ID, InstitutionID: "i", Location: time.UTC}
}

// The XP observer and the review schedule hear a submission once it is committed, and a
// retry tells them nothing.
func TestSubmitTellsObserversAfterCommit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		t.Parallel()
		who := seedLesson(t, st)
		clk := clock.NewFake(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
		h := &heard{}
		svc := play.NewService(st, clk, catalog.NewService(st, clk), record.New(st, record.Effects{Schedule: h, Boards: h}))
		sub := play.Submission{SessionID: "one", LessonID: "l", Interactions: []play.Interaction{
			{QuestionID: "l-q", Answer: json.RawMessage(`{"option":1}`)}}}
		res, err := svc.Submit(context.Background(), who, sub)
		require.NoError(t, err)
		var r play.Result
		require.NoError(t, json.Unmarshal(res, &r))
		require.Equal(t, 10+5, r.XPEarned)
		require.Len(t, h.credits, 2, "the lesson's XP and the streak quest it completes")
		require.Equal(t, 15, h.credits[0].Amount)
		require.Equal(t, store.XPFromLesson, h.credits[0].Source)
		require.Equal(t, progress.Credit{UserID: who.UserID, InstitutionID: "i", Source: store.XPFromQuest,
			Ref: "quest_streak:2026-03-01", Amount: 100, At: clk.Now(), Day: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}, h.credits[1])
		require.Len(t, h.states, 1)
		require.Equal(t, "l-q", h.states[0].QuestionID)

		again, err := svc.Submit(context.Background(), who, sub)
		require.NoError(t, err)
		require.JSONEq(t, string(res), string(again))
		require.Len(t, h.credits, 2, "a retry credits nothing")
		require.Len(t, h.states, 1)
	})
}

// An interaction without an answer is not graded: no XP, no memory state, no review log;
// the answer lists it as ungraded.
func TestSubmitWithoutAnswersWritesNoSpacedRepetitionData(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		t.Parallel()
		ctx := context.Background()
		who := seedLesson(t, st)
		clk := clock.NewFake(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
		h := &heard{}
		svc := play.NewService(st, clk, catalog.NewService(st, clk), record.New(st, record.Effects{Schedule: h, Boards: h}))
		res, err := svc.Submit(ctx, who, play.Submission{SessionID: "blind", LessonID: "l",
			Interactions: []play.Interaction{{QuestionID: "l-q"}, {QuestionID: "l-q", Answer: json.RawMessage(`null`)}}})
		require.NoError(t, err)
		var r play.Result
		require.NoError(t, json.Unmarshal(res, &r))
		require.Equal(t, []string{"l-q"}, r.Ungraded)
		require.Equal(t, 0, r.XPEarned)
		require.False(t, r.Completed)
		_, err = st.MemoryGet(ctx, who.UserID, "s", "l-q")
		require.ErrorIs(t, err, store.ErrNotFound, "no memory state: never rated Again")
		require.Empty(t, h.states)
		p, err := st.ProfileGet(ctx, who.UserID)
		require.NoError(t, err)
		require.Equal(t, int64(0), p.TotalXP-int64(creditedQuests(h)), "no lesson XP")
		_, err = st.SessionGetByClientID(ctx, who.UserID, "blind")
		require.NoError(t, err, "the session itself is recorded")
	})
}

func creditedQuests(h *heard) int {
	n := 0
	for _, c := range h.credits {
		if c.Source == store.XPFromQuest {
			n += c.Amount
		}
	}
	return n
}
