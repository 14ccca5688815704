package litestore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"memora/internal/store"
)

var openT0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// openWorld is a player with memory rows in a season, in a fresh database.
type openWorld struct {
	s      *Store
	user   int64
	other  int64 // another player with rows of their own
	season string
	items  []store.MemoryState
}

func openSeed(t *testing.T) openWorld {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "open.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	w := openWorld{s: s, season: "s2026"}
	stream := "sci"
	must(t, s.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "مدرسة", NameEN: "School", TimeZone: "Asia/Amman"}))
	must(t, s.StreamUpsert(ctx, store.Stream{ID: stream, Title: "علمي", TitleEN: "Scientific", Position: 1}))
	must(t, s.GradeUpsert(ctx, store.Grade{ID: "g12", Title: "الثاني عشر", TitleEN: "12th", Position: 12, ValidStreams: []string{stream}}))
	must(t, s.SeasonUpsert(ctx, store.Season{ID: w.season, Title: "2026", TitleEN: "2026",
		StartDate: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: openT0}))
	for i, email := range []string{"a@example.org", "b@example.org"} {
		u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "inst", Email: email, FullName: "Student", Enabled: true, CreatedAt: openT0})
		must(t, err)
		must(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g12", StreamID: &stream,
			SeasonID: &w.season, Now: openT0}))
		var items []store.MemoryState
		for q := 1; q <= 6; q++ {
			items = append(items, openItem(u.ID, w.season, q))
		}
		must(t, s.MemoryUpsert(ctx, items))
		if i == 0 {
			w.user, w.items = u.ID, items
		} else {
			w.other = u.ID
		}
	}
	return w
}

func openItem(user int64, season string, q int) store.MemoryState {
	topic, subject := "linear", "math"
	if q%3 == 0 {
		topic = "quadratic"
	}
	return store.MemoryState{UserID: user, SeasonID: season, QuestionID: fmt.Sprintf("q%d", q), SubjectID: &subject,
		TopicID: &topic, Stability: 2, Difficulty: 5, State: 2, Level: 1 + q%3, Due: openT0.Add(time.Duration(q) * time.Hour),
		Reps: q, CreatedAt: openT0, UpdatedAt: openT0}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (w openWorld) open() store.SessionOpen {
	return store.SessionOpen{UserID: w.user, SeasonID: w.season, QuestionIDs: []string{"q1", "q2", "q4"},
		Levels: true, TopicID: "linear", ReserveSessionID: true}
}

// batchedOpen runs SessionOpen in InTxBatched, then write in the same transaction.
func (w openWorld) batchedOpen(t *testing.T, write func(tx store.Executor) error) (store.SessionOpened, error) {
	t.Helper()
	var got store.SessionOpened
	err := w.s.InTxBatched(context.Background(), func(tx store.Executor) error {
		var err error
		if got, err = tx.SessionOpen(context.Background(), w.open()); err != nil {
			return err
		}
		return write(tx)
	})
	return got, err
}

// lockedOpen is SessionOpen read entirely under the write lock (InTx), the reference.
func (w openWorld) lockedOpen(t *testing.T) store.SessionOpened {
	t.Helper()
	var got store.SessionOpened
	must(t, w.s.InTx(context.Background(), func(tx store.Executor) (err error) {
		got, err = tx.SessionOpen(context.Background(), w.open())
		return err
	}))
	return got
}

func noWrite(store.Executor) error { return nil }

func sameOpened(t *testing.T, want, got store.SessionOpened) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("SessionOpen read\n%+v\nwant (read under the lock)\n%+v", got, want)
	}
}

// With no change of the player's memory state between the reads and the lock, the reads
// made before the lock stand: the same answer as reading under the lock. Another
// player's change does not make them read again.
func TestBatchedOpenKeepsReadsMadeBeforeTheLock(t *testing.T) {
	w := openSeed(t)
	want := w.lockedOpen(t)
	if len(want.Memory) != 3 || len(want.Levels) == 0 || len(want.TopicItems) == 0 {
		t.Fatalf("seed: %+v", want)
	}
	w.s.beforeLock = func() {
		must(t, w.s.MemoryUpsert(context.Background(), []store.MemoryState{openItem(w.other, w.season, 9)}))
	}
	got, err := w.batchedOpen(t, noWrite)
	must(t, err)
	sameOpened(t, want, got)
	if k, r := w.s.opens.kept.Load(), w.s.opens.reread.Load(); k != 1 || r != 0 {
		t.Fatalf("kept %d, read again %d: want the reads before the lock kept", k, r)
	}
}

// A change of the player's memory state committed between the reads and the lock, by the
// store or by any other statement, is seen: SessionOpen reads again under the lock and
// answers what a read under the lock answers. (Without the version's re-check under the
// lock it answers the rows read before the change.)
func TestBatchedOpenReadsAgainAfterAChangeBetweenReadAndLock(t *testing.T) {
	changes := map[string]func(ctx context.Context, w openWorld) error{
		"recorded answer": func(ctx context.Context, w openWorld) error {
			m := w.items[0]
			m.Level, m.Reps, m.Due = 5, 9, openT0.Add(72*time.Hour)
			return w.s.MemoryUpsert(ctx, []store.MemoryState{m})
		},
		"new item": func(ctx context.Context, w openWorld) error {
			return w.s.MemoryUpsert(ctx, []store.MemoryState{openItem(w.user, w.season, 7)})
		},
		"retired by another statement": func(ctx context.Context, w openWorld) error {
			_, err := w.s.writer.ExecContext(ctx, `UPDATE memory_state SET retired = 1 WHERE user_id = ? AND question_id = 'q2'`, w.user)
			return err
		},
		"deleted": func(ctx context.Context, w openWorld) error {
			_, err := w.s.writer.ExecContext(ctx, `DELETE FROM memory_state WHERE user_id = ? AND question_id = 'q1'`, w.user)
			return err
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			w := openSeed(t)
			before := w.lockedOpen(t)
			w.s.beforeLock = func() { must(t, change(context.Background(), w)) }
			got, err := w.batchedOpen(t, noWrite)
			must(t, err)
			w.s.beforeLock = nil
			want := w.lockedOpen(t)
			if reflect.DeepEqual(want, before) {
				t.Fatal("the change changed nothing SessionOpen reads")
			}
			sameOpened(t, want, got)
			if k, r := w.s.opens.kept.Load(), w.s.opens.reread.Load(); k != 0 || r != 1 {
				t.Fatalf("kept %d, read again %d: want one read again under the lock", k, r)
			}
		})
	}
}

// The version read under the lock is the player's lock: a profile deleted between the
// reads and the lock fails SessionOpen as PlayerLock does, and nothing is written.
func TestBatchedOpenLocksThePlayer(t *testing.T) {
	w := openSeed(t)
	w.s.beforeLock = func() {
		_, err := w.s.writer.ExecContext(context.Background(), `DELETE FROM player_profiles WHERE user_id = ?`, w.user)
		must(t, err)
	}
	wrote := false
	_, err := w.batchedOpen(t, func(store.Executor) error { wrote = true; return nil })
	if !errors.Is(err, store.ErrNotFound) || wrote {
		t.Fatalf("err %v, wrote %v: want store.ErrNotFound before any write", err, wrote)
	}
}

// The writes after SessionOpen are one transaction: committed when fn succeeds, rolled back
// when it fails.
func TestBatchedTxCommitsOrRollsBack(t *testing.T) {
	w := openSeed(t)
	ctx := context.Background()
	m := w.items[1]
	m.Level = 7
	fail := errors.New("fail")
	_, err := w.batchedOpen(t, func(tx store.Executor) error {
		if err := tx.MemoryUpsert(ctx, []store.MemoryState{m}); err != nil {
			return err
		}
		return fail
	})
	if !errors.Is(err, fail) {
		t.Fatalf("err %v", err)
	}
	got, err := w.s.MemoryGet(ctx, w.user, w.season, m.QuestionID)
	must(t, err)
	if got.Level == 7 {
		t.Fatal("a failed transaction's write was committed")
	}
	_, err = w.batchedOpen(t, func(tx store.Executor) error { return tx.MemoryUpsert(ctx, []store.MemoryState{m}) })
	must(t, err)
	got, err = w.s.MemoryGet(ctx, w.user, w.season, m.QuestionID)
	must(t, err)
	if got.Level != 7 {
		t.Fatal("the write was not committed")
	}
}
