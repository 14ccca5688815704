// Package record records a client's gameplay session — a played lesson or a review
// session — once: the one idempotency rule and the one transaction both kinds go through,
// and the one list of what follows a committed session (Effects).
//
// A session is identified by its client's session_id, per player. The id belongs to one
// kind of session (and, for a lesson, one lesson): a retry under it gets the first answer,
// stored with the session, and writes nothing; reusing it for another kind or lesson is a
// 409. The transaction locks the player (their sessions apply one at a time), writes the
// session row and what it changes, and credits the daily quests it completes; once it has
// committed the request no longer matters (a client hanging up cancels nothing) and the
// Effects run.
package record

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/progress"
	"memora/internal/store"
)

// Key identifies a client session: the player, the client's id, and what it is.
type Key struct {
	UserID   int64
	ClientID string // the client's session_id (or one derived from the request)
	Kind     string // store.SessionLesson or store.SessionReview
	LessonID string // a lesson session's lesson; "" for a review
}

// Session is one submission on its way into the database. Row and Apply run in the
// recording transaction, after the player's lock, in that order.
type Session interface {
	// Row computes the session row and the answer stored with it (Response). Its
	// UserID, ClientSessionID, Kind and LessonID are the Key's.
	Row(ctx context.Context, tx store.Executor) (store.GameplaySession, error)
	// Apply writes what the session changes once its row is inserted under id, and
	// returns it for the Effects.
	Apply(ctx context.Context, tx store.Executor, id int64) (Changes, error)
}

// Batched is a session recorded in few round trips (RecordBatched): its reads are sent with
// the player's lock (store.SessionOpen) and its writes, with the reads its quests are
// settled from, together (store.SessionWrite) — on PostgreSQL one round trip each, plus
// the session row's insert. It is the same transaction as a Session's.
type Batched interface {
	// Open is what to read right after the player's lock (its UserID is the player's).
	Open() store.SessionOpen
	// RowFrom computes the session row from what Open read, as Session.Row does.
	RowFrom(ctx context.Context, tx store.Executor, read store.SessionOpened) (store.GameplaySession, error)
	// Writes is what the session writes once its row is inserted under id, and what that
	// changes; its XP credits are Changes.Credits (those not new are dropped). Its
	// SessionWrite's Credits and Quests are filled by the Recorder.
	Writes(id int64) (store.SessionWrite, Changes)
}

// Changes is what a recorded session changed.
type Changes struct {
	SeasonID string
	States   []store.MemoryState // memory states written
	Credits  []progress.Credit   // XP credited (the session's, then its quest rewards)
	Now      time.Time           // when the session was recorded (its quests' day)
	// Scores are the player's leaderboard scores read after every credit, in the
	// transaction (Effects' boards read them after the commit when nil).
	Scores *store.UserScores
}

// Recorder records sessions and runs their effects.
type Recorder struct {
	store   store.Store
	effects Effects
}

// New returns a Recorder writing to st and running effects after each commit.
func New(st store.Store, effects Effects) *Recorder {
	return &Recorder{store: st, effects: effects}
}

// errTaken is an insert under a key already recorded (found again after the rollback).
var errTaken = errors.New("record: client session id already recorded")

// Record writes s under key in one transaction and returns the answer. When the key was
// recorded before, it returns that first answer (or a 409, see Previous) and writes
// nothing — also when s fails, so a retry of a session whose lesson has since been locked
// or changed still gets its answer. prepErr is an error s met before any write (grading,
// access): it is returned unless the key was recorded before.
func (r *Recorder) Record(ctx context.Context, who identity.Principal, key Key, s Session, prepErr error) (json.RawMessage, error) {
	return r.record(ctx, who, key, prepErr, r.store.InTx, func(tx store.Executor) (json.RawMessage, Changes, error) {
		return r.write(ctx, tx, who, key, s)
	})
}

// RecordBatched is Record for a Batched session: the same rules, transaction and effects,
// in fewer round trips.
// On PostgreSQL its transaction's BEGIN goes with the lock (store.BatchedTx): a Batched
// session enqueues no job and nests no transaction.
func (r *Recorder) RecordBatched(ctx context.Context, who identity.Principal, key Key, s Batched, prepErr error) (json.RawMessage, error) {
	inTx := r.store.InTx
	if b, ok := r.store.(store.BatchedTx); ok {
		inTx = b.InTxBatched
	}
	return r.record(ctx, who, key, prepErr, inTx, func(tx store.Executor) (json.RawMessage, Changes, error) {
		return r.writeBatched(ctx, tx, who, key, s)
	})
}

func (r *Recorder) record(ctx context.Context, who identity.Principal, key Key, prepErr error,
	inTx func(ctx context.Context, fn func(tx store.Executor) error) error,
	write func(tx store.Executor) (json.RawMessage, Changes, error)) (json.RawMessage, error) {
	if prepErr != nil {
		return r.orPrevious(ctx, key, prepErr)
	}
	var (
		body    json.RawMessage
		changes Changes
	)
	err := inTx(ctx, func(tx store.Executor) error {
		var err error
		body, changes, err = write(tx)
		return err
	})
	if err != nil {
		return r.orPrevious(ctx, key, err)
	}
	// Committed: a client that hangs up now must not cancel what follows.
	r.effects.Committed(context.WithoutCancel(ctx), who.UserID, changes)
	return body, nil
}

func (r *Recorder) write(ctx context.Context, tx store.Executor, who identity.Principal, key Key, s Session) (json.RawMessage, Changes, error) {
	// Concurrent sessions of one player are taken one at a time: each applies to the state
	// the other committed (first completions, replays of the day, memory state, quests).
	if err := tx.PlayerLock(ctx, who.UserID); err != nil {
		return nil, Changes{}, err
	}
	row, err := s.Row(ctx, tx)
	if err != nil {
		return nil, Changes{}, err
	}
	id, err := insertSession(ctx, tx, key, &row)
	if err != nil {
		return nil, Changes{}, err
	}
	changes, err := s.Apply(ctx, tx, id)
	if err != nil {
		return nil, Changes{}, err
	}
	if changes.SeasonID != "" {
		quests, err := progress.SettleQuests(ctx, tx, who, changes.SeasonID, changes.Now, subjects(changes.States))
		if err != nil {
			return nil, Changes{}, err
		}
		changes.Credits = append(changes.Credits, quests...)
	}
	return row.Response, changes, nil
}

// writeBatched is write for a Batched session: the lock and its reads (with the session
// row's id reserved), then the session row, its writes, its quests' reads and the
// leaderboards' scores together, and the quest rewards those complete (rare). An engine
// that reserves no id gets the session row inserted on its own before the writes.
func (r *Recorder) writeBatched(ctx context.Context, tx store.Executor, who identity.Principal, key Key, s Batched) (json.RawMessage, Changes, error) {
	open := s.Open()
	open.UserID, open.ReserveSessionID = who.UserID, true
	read, err := tx.SessionOpen(ctx, open)
	if err != nil {
		return nil, Changes{}, err
	}
	row, err := s.RowFrom(ctx, tx, read)
	if err != nil {
		return nil, Changes{}, err
	}
	id := read.SessionID
	if id == 0 {
		if id, err = insertSession(ctx, tx, key, &row); err != nil {
			return nil, Changes{}, err
		}
	}
	w, changes := s.Writes(id)
	if read.SessionID != 0 {
		keyed(key, &row)
		row.ID = id
		w.Session = &row
	}
	var credits []progress.Credit
	for _, c := range changes.Credits {
		if c.Amount > 0 { // progress.Apply credits nothing else
			credits = append(credits, c)
			w.Credits = append(w.Credits, c.Entry())
		}
	}
	changes.Credits = nil
	if changes.SeasonID != "" {
		w.Quests = progress.QuestReads(who, changes.SeasonID, changes.Now, subjects(changes.States))
	}
	w.Scores = r.effects.scoresRead(credits)
	wrote, err := tx.SessionWrite(ctx, w)
	if err != nil {
		return nil, Changes{}, err
	}
	if wrote.Taken {
		return nil, Changes{}, errTaken
	}
	for i, c := range credits {
		if wrote.Credited[i] {
			changes.Credits = append(changes.Credits, c)
		}
	}
	changes.Scores = wrote.Scores
	if changes.SeasonID != "" {
		quests, err := progress.SettleQuestsWith(ctx, tx, who, changes.SeasonID, changes.Now, subjects(changes.States), wrote.Quests)
		if err != nil {
			return nil, Changes{}, err
		}
		if len(quests) > 0 {
			changes.Scores = nil // read before the quests' rewards: the boards read them after the commit
		}
		changes.Credits = append(changes.Credits, quests...)
	}
	return row.Response, changes, nil
}

// insertSession inserts row under key and returns its id; a key already recorded is errTaken.
func insertSession(ctx context.Context, tx store.Executor, key Key, row *store.GameplaySession) (int64, error) {
	keyed(key, row)
	id, inserted, err := tx.SessionInsert(ctx, *row)
	switch {
	case err != nil:
		return 0, err
	case !inserted:
		return 0, errTaken
	}
	return id, nil
}

// keyed sets row's key columns from key.
func keyed(key Key, row *store.GameplaySession) {
	row.UserID, row.ClientSessionID, row.Kind, row.LessonID = key.UserID, key.ClientID, key.Kind, optional(key.LessonID)
}

// orPrevious answers the first answer of an already recorded key, else err.
func (r *Recorder) orPrevious(ctx context.Context, key Key, err error) (json.RawMessage, error) {
	prev, found, perr := r.Previous(ctx, key)
	switch {
	case perr != nil:
		return nil, perr
	case found:
		return prev, nil
	case errors.Is(err, errTaken):
		return nil, fmt.Errorf("record %s session: %w", key.Kind, err) // taken, then gone: never expected
	}
	return nil, err
}

// Previous returns the stored answer of the session recorded under key, if any. A session
// id already used by the player for another kind of session, or another lesson, is a 409.
func (r *Recorder) Previous(ctx context.Context, key Key) (json.RawMessage, bool, error) {
	sess, err := r.store.SessionGetByClientID(ctx, key.UserID, key.ClientID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("record %s session: %w", key.Kind, err)
	}
	if sess.Kind != key.Kind || deref(sess.LessonID) != key.LessonID {
		return nil, false, reused(sess.Kind, key.Kind)
	}
	return sess.Response, true, nil
}

// reused is the 409 of a session id the player already used for something else.
func reused(was, now string) error {
	switch {
	case was == now:
		return problem.ConflictMsg("This session_id was already used for another lesson session.")
	case was == store.SessionLesson:
		return problem.ConflictMsg("This session_id was already used by a lesson session.")
	}
	return problem.ConflictMsg("This session_id was already used for a review session.")
}

// subjects are the subjects of states, once each (nil for items without one).
func subjects(states []store.MemoryState) []*string {
	var out []*string
	seen := map[string]bool{}
	for _, st := range states {
		key := "\x00none"
		if st.SubjectID != nil {
			key = *st.SubjectID
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, st.SubjectID)
		}
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
