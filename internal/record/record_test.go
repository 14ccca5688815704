package record_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/progress"
	"memora/internal/record"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// session is a session worth xp whose answer says so.
type session struct {
	who identity.Principal
	xp  int
}

func (s session) Row(context.Context, store.Executor) (store.GameplaySession, error) {
	return store.GameplaySession{InstitutionID: s.who.InstitutionID, XPEarned: s.xp, LocalDay: s.who.Today(t0),
		Response: json.RawMessage(`{"xp":` + strconv.Itoa(s.xp) + `}`), CreatedAt: t0}, nil
}

func (s session) Apply(ctx context.Context, tx store.Executor, id int64) (record.Changes, error) {
	c := progress.Credit{UserID: s.who.UserID, InstitutionID: s.who.InstitutionID, Source: store.XPFromLesson,
		Ref: strconv.FormatInt(id, 10), Amount: s.xp, At: t0, Day: s.who.Today(t0)}
	_, err := progress.Apply(ctx, tx, c)
	return record.Changes{Credits: []progress.Credit{c}, Now: t0}, err
}

// heard counts the effects and keeps the context they ran with.
type heard struct {
	credits int
	ctx     context.Context
}

func (h *heard) Credited(ctx context.Context, c []progress.Credit) { h.credits += len(c); h.ctx = ctx }

func player(t *testing.T, st store.Store) identity.Principal {
	ctx := context.Background()
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
	u, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "i", Email: "p@i.test", Enabled: true, CreatedAt: t0})
	require.NoError(t, err)
	require.NoError(t, st.ProfileUpsert(ctx, store.PlayerProfile{UserID: u.ID, Hearts: 5, CreatedAt: t0, UpdatedAt: t0}))
	return identity.Principal{UserID: u.ID, InstitutionID: "i", Location: time.UTC}
}

func totalXP(t *testing.T, st store.Store, userID int64) int64 {
	p, err := st.ProfileGet(context.Background(), userID)
	require.NoError(t, err)
	return p.TotalXP
}

// A session is recorded once: a retry under its key gets the first answer and writes
// nothing, even when the retry itself would now fail; the effects run once, after the
// commit, with a context the request's end does not cancel.
func TestASessionIsRecordedOnceAndItsEffectsRunAfterTheCommit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		t.Parallel()
		who := player(t, st)
		h := &heard{}
		rec := record.New(st, record.Effects{Boards: h})
		key := record.Key{UserID: who.UserID, ClientID: "s-1", Kind: store.SessionLesson}
		ctx, cancel := context.WithCancel(context.Background())
		first, err := rec.Record(ctx, who, key, session{who: who, xp: 7}, nil)
		cancel()
		require.NoError(t, err)
		require.JSONEq(t, `{"xp":7}`, string(first))
		require.Equal(t, 1, h.credits)
		require.NoError(t, h.ctx.Err(), "the effects' context outlives the request")

		again, err := rec.Record(context.Background(), who, key, session{who: who, xp: 99}, nil)
		require.NoError(t, err)
		require.JSONEq(t, string(first), string(again))
		late, err := rec.Record(context.Background(), who, key, nil, problem.ForbiddenMsg("Complete the previous lessons first."))
		require.NoError(t, err, "a retry whose lesson is now locked still gets its answer")
		require.JSONEq(t, string(first), string(late))
		require.Equal(t, int64(7), totalXP(t, st, who.UserID))
		require.Equal(t, 1, h.credits)

		_, err = rec.Record(context.Background(), who, record.Key{UserID: who.UserID, ClientID: "s-2", Kind: store.SessionLesson},
			nil, problem.ForbiddenMsg("Complete the previous lessons first."))
		p, ok := problem.As(err)
		require.True(t, ok, "a new session keeps its own error")
		require.Equal(t, problem.Forbidden, p.Kind)
	})
}

// A session_id belongs to one kind of session and one lesson: reusing it for anything else
// is a 409 that writes nothing.
func TestReusingASessionIDForAnotherKindOrLessonIsAConflict(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		t.Parallel()
		ctx := context.Background()
		who := player(t, st)
		rec := record.New(st, record.Effects{})
		_, err := rec.Record(ctx, who, record.Key{UserID: who.UserID, ClientID: "s", Kind: store.SessionReview}, session{who: who, xp: 5}, nil)
		require.NoError(t, err)
		for name, key := range map[string]record.Key{
			"a lesson":   {UserID: who.UserID, ClientID: "s", Kind: store.SessionLesson},
			"a lesson 2": {UserID: who.UserID, ClientID: "s", Kind: store.SessionLesson, LessonID: "l"},
		} {
			_, err := rec.Record(ctx, who, key, session{who: who, xp: 50}, nil)
			p, ok := problem.As(err)
			require.True(t, ok, name)
			require.Equal(t, problem.Conflict, p.Kind, name)
			require.Equal(t, "This session_id was already used for a review session.", p.Message)
		}
		require.Equal(t, int64(5), totalXP(t, st, who.UserID))
		_, err = rec.Record(ctx, who, record.Key{UserID: who.UserID, ClientID: "s", Kind: store.SessionLesson},
			nil, errors.New("unrelated"))
		p, ok := problem.As(err)
		require.True(t, ok)
		require.Equal(t, problem.Conflict, p.Kind, "even when the new session failed first")
	})
}
