package store

import (
	"context"
	"errors"
	"slices"
	"time"
)

// SessionRecordExecutor groups a recorded session's statements into as few round trips as
// the engine allows: on PostgreSQL each call is one pgx batch (the statements run in order,
// each seeing the ones before, in the caller's transaction); SQLite runs them one by one.
// Both run the same statements as the single-statement methods they stand for.
type SessionRecordExecutor interface {
	// SessionOpen takes the player's lock (PlayerLock) and then reads what a review
	// submission is computed from: MemoryGetMany of QuestionIDs, ReviewLevelCounts when
	// Levels, ReviewTopicItems when TopicID is set. The reads follow the lock, so they see
	// what the player's previous session committed.
	// With ReserveSessionID it also reserves the id of the session row to insert
	// (SessionOpened.SessionID; an engine may reserve none, SQLite does not).
	SessionOpen(ctx context.Context, q SessionOpen) (SessionOpened, error)
	// SessionWrite inserts the session row under its reserved id (Session, when set), writes
	// a recorded session's memory states and review log (MemoryRecord) and its XP credits
	// (XPCredit, in order), then reads what its daily quests are settled from (Quests) and,
	// when asked, the player's leaderboard scores (Scores), after those writes.
	SessionWrite(ctx context.Context, w SessionWrite) (SessionWritten, error)
}

// BatchedTx is a Store whose transaction can send its BEGIN with its first batch
// (PostgreSQL): InTxBatched is InTx one round trip shorter, for a transaction that
// enqueues no job (its executor has no driver transaction, TxHandle.DriverTx is nil) and
// makes no write that nests a transaction (a savepoint). On SQLite fn's first call must be
// SessionOpen, whose reads are made before the writer is taken (litestore/session_open.go).
type BatchedTx interface {
	InTxBatched(ctx context.Context, fn func(tx Executor) error) error
}

// SessionOpen is what SessionOpen locks and reads.
type SessionOpen struct {
	UserID      int64
	SeasonID    string
	QuestionIDs []string
	Levels      bool   // read ReviewLevelCounts
	TopicID     string // read ReviewTopicItems of this topic ("" none)
	// ReserveSessionID asks for the id of the session row to insert (SessionWrite.Session).
	ReserveSessionID bool
}

// SessionOpened is what SessionOpen read. Memory is never nil.
type SessionOpened struct {
	Memory     []MemoryState
	Levels     []LevelCount
	TopicItems []MemoryState
	// SessionID is the reserved session id; 0 when none was asked for or the engine
	// reserves none (the caller inserts the row itself, SessionInsert).
	SessionID int64
}

// SessionWrite is what SessionWrite writes, and the quest inputs it reads after.
type SessionWrite struct {
	// Session, when set, is inserted first under its ID (reserved by SessionOpen); when
	// its (user, client session id) is already stored nothing is inserted and
	// SessionWritten.Taken says so: the statements after it still run, and the caller
	// must roll the transaction back. Only an engine that reserved the id gets one.
	Session *GameplaySession
	States  []MemoryState
	Log     []ReviewLogEntry
	Credits []XPEntry // each Amount > 0
	Quests  QuestReads
	// Scores, when set, asks for LeaderboardUserScores after the writes (an engine may
	// leave it unread: SessionWritten.Scores is nil).
	Scores *ScoresRead
}

// ScoresRead is a LeaderboardUserScores call: the user and the days [From, To].
type ScoresRead struct {
	UserID   int64
	From, To time.Time
}

// QuestReads are the reads a session's quests are settled from (progress.SettleQuests):
// ProgressCreditedRefs of Refs (source XPFromQuest), ProgressXPByDay of Day, and, with a
// SeasonID, which of Subjects (nil: items without a subject) have a live item due at Now —
// only those whose review quest's reward (SubjectRefs[i], Subjects[i]'s) is not credited
// yet: a credited quest is not settled again, and the test may walk the player's season.
// No Refs: nothing is read.
type QuestReads struct {
	UserID      int64
	SeasonID    string
	Refs        []string
	Day         time.Time
	Now         time.Time
	Subjects    []*string
	SubjectRefs []string
}

// SessionWritten reports SessionWrite: Credited[i] says Credits[i] was new.
type SessionWritten struct {
	Taken    bool // Session was already stored under its key (see SessionWrite.Session)
	Credited []bool
	Quests   QuestInputs
	Scores   *UserScores // nil: not read
}

// QuestInputs are what QuestReads read.
type QuestInputs struct {
	Credited []string // the Refs already in the ledger
	XP       []DayXP  // the day's XP by source
	// Due has every one of Subjects whose quest is not credited with a live item due now
	// (and maybe others); Count is at least 1, not always the total (PostgreSQL stops at the
	// first due item).
	Due []SubjectCount
}

// SessionOpenSerial is SessionOpen one statement at a time, through ex. It reserves no
// session id.
func SessionOpenSerial(ctx context.Context, ex Executor, q SessionOpen) (SessionOpened, error) {
	var out SessionOpened
	if err := ex.PlayerLock(ctx, q.UserID); err != nil {
		return out, err
	}
	var err error
	if out.Memory, err = ex.MemoryGetMany(ctx, q.UserID, q.SeasonID, q.QuestionIDs); err != nil {
		return out, err
	}
	if out.Memory == nil {
		out.Memory = []MemoryState{}
	}
	if q.Levels {
		if out.Levels, err = ex.ReviewLevelCounts(ctx, q.UserID, q.SeasonID); err != nil {
			return out, err
		}
	}
	if q.TopicID != "" {
		if out.TopicItems, err = ex.ReviewTopicItems(ctx, q.UserID, q.SeasonID, q.TopicID); err != nil {
			return out, err
		}
	}
	return out, nil
}

// SessionWriteSerial is SessionWrite one statement at a time, through ex. It takes no Session
// (SessionOpenSerial reserves no id) and reads no Scores.
func SessionWriteSerial(ctx context.Context, ex Executor, w SessionWrite) (SessionWritten, error) {
	out := SessionWritten{Credited: make([]bool, len(w.Credits))}
	if w.Session != nil {
		return out, errors.New("store: session write: no session id was reserved") // SessionOpenSerial reserves none
	}
	if len(w.States) > 0 || len(w.Log) > 0 {
		if err := ex.MemoryRecord(ctx, w.States, w.Log); err != nil {
			return out, err
		}
	}
	for i, c := range w.Credits {
		ok, err := ex.XPCredit(ctx, c)
		if err != nil {
			return out, err
		}
		out.Credited[i] = ok
	}
	if len(w.Quests.Refs) == 0 {
		return out, nil
	}
	q := w.Quests
	var err error
	if out.Quests.Credited, err = ex.ProgressCreditedRefs(ctx, q.UserID, XPFromQuest, q.Refs); err != nil {
		return out, err
	}
	if out.Quests.XP, err = ex.ProgressXPByDay(ctx, q.UserID, q.Day, q.Day); err != nil {
		return out, err
	}
	if q.SeasonID != "" && q.anyUncredited(out.Quests.Credited) {
		out.Quests.Due, err = ex.ProgressDueBySubject(ctx, ProgressScope{UserID: q.UserID, SeasonID: q.SeasonID}, q.Now)
	}
	return out, err
}

// anyUncredited reports whether one of Subjects' review quests is not among credited (a
// Subject without a ref counts as not credited).
func (q QuestReads) anyUncredited(credited []string) bool {
	for i := range q.Subjects {
		if i >= len(q.SubjectRefs) || !slices.Contains(credited, q.SubjectRefs[i]) {
			return true
		}
	}
	return false
}
