// Package progress holds what a player accumulates: XP credits (global, per subject and in the
// ledger that period leaderboards read), levels, streaks, weekly activity, mastery and quests.
package progress

import (
	"context"
	"fmt"
	"time"

	"memora/internal/store"
)

// Credit is XP earned by a player. (UserID, Source, Ref) identifies it: crediting the same
// one twice adds nothing the second time.
type Credit struct {
	UserID        int64
	InstitutionID string
	SubjectID     *string
	Source        string // store.XPFromLesson, XPFromReview, XPFromQuest
	Ref           string // e.g. the gameplay session id, or "quest_xp:2026-11-25"
	Amount        int
	At            time.Time
	Day           time.Time // the institution-local day of At (clock.Day)
}

// Apply writes c inside tx: the ledger row, the profile's total and the subject score.
// It reports false, and changes nothing, when c was already credited or is zero.
func Apply(ctx context.Context, tx store.Executor, c Credit) (bool, error) {
	if c.Amount <= 0 {
		return false, nil
	}
	inserted, err := tx.XPCredit(ctx, c.Entry())
	return inserted, wrapCredit(err)
}

// Entry is c's ledger row (store.Executor.XPCredit writes it, the totals with it).
func (c Credit) Entry() store.XPEntry {
	return store.XPEntry{UserID: c.UserID, InstitutionID: c.InstitutionID, SubjectID: c.SubjectID, Source: c.Source,
		Ref: c.Ref, Amount: c.Amount, LocalDay: c.Day, CreatedAt: c.At}
}

func wrapCredit(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("credit xp: %w", err)
}

// Observer hears about credits once their transaction has committed: Redis leaderboards
// follow the database this way, and are rebuilt from the ledger when they are missing.
type Observer interface {
	Credited(ctx context.Context, credits []Credit)
}

// ScoresObserver is an Observer that updates from the credited player's scores
// (store.Executor.LeaderboardUserScores). A caller crediting in one transaction, under the
// player's lock, may read them there after its credits (over ScoresWindow's days) and hand
// them over (CreditedWithScores) instead of the observer reading them after the commit:
// every credit of a player is made under that lock, so they are what the commit leaves.
type ScoresObserver interface {
	Observer
	// ScoresWindow is the days whose ledger the update of credits (one player's) reads; ok
	// is false when it reads no scores.
	ScoresWindow(credits []Credit) (from, to time.Time, ok bool)
	// CreditedWithScores is Credited with the player's scores read after the credits.
	CreditedWithScores(ctx context.Context, credits []Credit, scores store.UserScores)
}

// Observers fans a credit out to several observers.
type Observers []Observer

var _ ScoresObserver = Observers(nil)

// Credited tells every observer.
func (os Observers) Credited(ctx context.Context, credits []Credit) {
	for _, o := range os {
		o.Credited(ctx, credits)
	}
}

// ScoresWindow spans the windows of the observers that read scores.
func (os Observers) ScoresWindow(credits []Credit) (from, to time.Time, ok bool) {
	for _, o := range os {
		so, is := o.(ScoresObserver)
		if !is {
			continue
		}
		f, t, read := so.ScoresWindow(credits)
		switch {
		case !read:
		case !ok:
			from, to, ok = f, t, true
		default:
			if f.Before(from) {
				from = f
			}
			if t.After(to) {
				to = t
			}
		}
	}
	return from, to, ok
}

// CreditedWithScores hands scores to the observers that read them and tells the others.
func (os Observers) CreditedWithScores(ctx context.Context, credits []Credit, scores store.UserScores) {
	for _, o := range os {
		if so, is := o.(ScoresObserver); is {
			so.CreditedWithScores(ctx, credits, scores)
			continue
		}
		o.Credited(ctx, credits)
	}
}
