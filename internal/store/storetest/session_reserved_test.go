package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// A session row inserted under the id SessionOpen reserved, with the writes and the
// leaderboard scores read after the credits, in one batch; a key already stored is Taken
// and the rollback leaves nothing of the second batch. SQLite reserves no id.
func TestSessionWriteReserved(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		uid := w.User.ID
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: uid, GradeID: w.Grade,
			StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		reserve := func() int64 {
			var read store.SessionOpened
			require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
				read, err = tx.SessionOpen(ctx, store.SessionOpen{UserID: uid, SeasonID: w.Season, ReserveSessionID: true})
				return err
			}))
			return read.SessionID
		}
		day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		id := reserve()
		row := store.GameplaySession{ID: id, UserID: uid, InstitutionID: w.Inst, ClientSessionID: "c1", Kind: store.SessionReview,
			SeasonID: &w.Season, XPEarned: 30, Score: 30, LocalDay: day, Response: json.RawMessage(`{"ok": 1}`), CreatedAt: t0}
		credit := store.XPEntry{UserID: uid, InstitutionID: w.Inst, SubjectID: &w.Subject, Source: store.XPFromReview,
			Ref: strconv.FormatInt(id, 10), Amount: 30, LocalDay: day, CreatedAt: t0}
		scores := &store.ScoresRead{UserID: uid, From: day.AddDate(0, 0, -6), To: day}
		write := store.SessionWrite{Session: &row, Credits: []store.XPEntry{credit}, Scores: scores}
		if id == 0 {
			require.Equal(t, store.SQLite, s.Engine(), "PostgreSQL reserves an id")
			require.Error(t, s.InTx(ctx, func(tx store.Executor) error {
				_, err := tx.SessionWrite(ctx, write)
				return err
			}), "no id reserved: no row to insert under one")
			return
		}

		var wrote store.SessionWritten
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			wrote, err = tx.SessionWrite(ctx, write)
			return err
		}))
		require.False(t, wrote.Taken)
		require.Equal(t, []bool{true}, wrote.Credited)
		sess, err := s.SessionGetByClientID(ctx, uid, "c1")
		require.NoError(t, err)
		require.Equal(t, id, sess.ID)
		require.JSONEq(t, `{"ok": 1}`, string(sess.Response))
		after, err := s.LeaderboardUserScores(ctx, uid, scores.From, scores.To)
		require.NoError(t, err)
		require.NotNil(t, wrote.Scores, "read after the credit")
		require.Equal(t, after, *wrote.Scores)
		require.EqualValues(t, 30, wrote.Scores.TotalXP)

		// The same key again: taken; the caller rolls back, and its credit is gone with it.
		again := reserve()
		require.Greater(t, again, id)
		row2 := row
		row2.ID, row2.Response = again, json.RawMessage(`{"ok": 2}`)
		credit2 := credit
		credit2.Ref = strconv.FormatInt(again, 10)
		errTaken := errors.New("taken")
		err = s.InTx(ctx, func(tx store.Executor) error {
			wrote, err := tx.SessionWrite(ctx, store.SessionWrite{Session: &row2, Credits: []store.XPEntry{credit2}})
			if err == nil && wrote.Taken {
				return errTaken
			}
			return err
		})
		require.ErrorIs(t, err, errTaken)
		require.Zero(t, count(t, s, "SELECT count(*) FROM xp_ledger WHERE ref = '"+credit2.Ref+"'"))
		sess, err = s.SessionGetByClientID(ctx, uid, "c1")
		require.NoError(t, err)
		require.Equal(t, id, sess.ID, "the first row stays")

		// A row inserted the usual way takes a later id than those reserved.
		row3 := row
		row3.ClientSessionID = "c3"
		id3, inserted, err := s.SessionInsert(ctx, row3)
		require.NoError(t, err)
		require.True(t, inserted)
		require.Greater(t, id3, again)
	})
}
