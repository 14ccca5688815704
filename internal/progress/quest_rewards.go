package progress

import (
	"context"
	"fmt"
	"slices"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

// Quest rewards are credited by the session that completes the quest, in that session's
// transaction (SettleQuests), never by reading the quests: get_daily_quests only reports
// whether a reward was credited (markRewarded).

// questRef is the ledger ref of a quest's reward on a local day: unique per user and
// source, so a reward is credited at most once per quest per day.
func questRef(q Quest, day time.Time) string { return q.ID + ":" + day.Format(time.DateOnly) }

// rewarding lists the completed quests that carry a reward.
func rewarding(quests []Quest) []*Quest {
	var out []*Quest
	for i := range quests {
		q := &quests[i]
		if q.Status == QuestCompleted && q.Reward != nil && q.Reward.Amount > 0 {
			out = append(out, q)
		}
	}
	return out
}

// creditedRefs reads which of the quests' rewards of day are already in the ledger.
func creditedRefs(ctx context.Context, ex store.Executor, userID int64, day time.Time, qs []*Quest) ([]string, error) {
	if len(qs) == 0 {
		return nil, nil
	}
	refs := make([]string, len(qs))
	for i, q := range qs {
		refs[i] = questRef(*q, day)
	}
	done, err := ex.ProgressCreditedRefs(ctx, userID, store.XPFromQuest, refs)
	if err != nil {
		return nil, fmt.Errorf("quest rewards: %w", err)
	}
	return done, nil
}

// markRewarded sets Rewarded on the completed quests whose reward is in the ledger. It
// only reads.
func markRewarded(ctx context.Context, ex store.Executor, userID int64, day time.Time, quests []Quest) error {
	qs := rewarding(quests)
	done, err := creditedRefs(ctx, ex, userID, day, qs)
	if err != nil {
		return err
	}
	for _, q := range qs {
		q.Rewarded = slices.Contains(done, questRef(*q, day))
	}
	return nil
}

// SettleQuests credits, through tx, the reward of every quest of the player's local day
// that the session being recorded completes, and returns the new credits. A recorded
// session calls it in its own transaction, after its writes (the player is locked), so the
// session that completes a quest credits its reward: exactly once per quest per local day,
// whether or not the player ever opens the quest list. seasonID is the player's season;
// subjects are those of the memory items the session wrote (nil: items without a subject).
//
// Only the quests a session can complete are looked at — the streak quest (any session),
// the XP quest, and the review quests of the subjects it touched: a review quest completes
// when the last due item of its subject is reviewed, which only a session touching that
// subject does. Their rewards are read first, so a session whose quests are all credited
// costs one query.
func SettleQuests(ctx context.Context, tx store.Executor, who identity.Principal, seasonID string, now time.Time,
	subjects []*string) ([]Credit, error) {
	day := who.Today(now)
	candidates := []Quest{{ID: QuestStreak}, {ID: QuestXP}}
	seen := map[string]bool{}
	for _, sub := range subjects {
		if key := subjectKey(sub); !seen[key] {
			seen[key] = true
			candidates = append(candidates, Quest{ID: questReview + key, subjectID: sub})
		}
	}
	refs := make([]string, len(candidates))
	for i, q := range candidates {
		refs[i] = questRef(q, day)
	}
	done, err := tx.ProgressCreditedRefs(ctx, who.UserID, store.XPFromQuest, refs)
	if err != nil {
		return nil, fmt.Errorf("quest rewards: %w", err)
	}
	var credits []Credit
	for _, cand := range candidates {
		if slices.Contains(done, questRef(cand, day)) {
			continue
		}
		q, err := questToday(ctx, tx, who, seasonID, cand, now, day)
		if err != nil {
			return nil, fmt.Errorf("quest rewards: %w", err)
		}
		if q.Status != QuestCompleted || q.Reward == nil || q.Reward.Amount <= 0 {
			continue
		}
		c := Credit{UserID: who.UserID, InstitutionID: who.InstitutionID, SubjectID: q.subjectID,
			Source: store.XPFromQuest, Ref: questRef(q, day), Amount: q.Reward.Amount, At: now, Day: day}
		ok, err := Apply(ctx, tx, c)
		if err != nil {
			return nil, fmt.Errorf("quest rewards: %w", err)
		}
		if ok {
			credits = append(credits, c)
		}
	}
	return credits, nil
}

// questToday computes one candidate quest of the day as buildQuests does, reading only what
// it needs.
func questToday(ctx context.Context, tx store.Executor, who identity.Principal, seasonID string, cand Quest,
	now, day time.Time) (Quest, error) {
	switch cand.ID {
	case QuestStreak:
		return streakQuest(true), nil // the session being recorded is today's
	case QuestXP:
		xp, err := tx.ProgressXPByDay(ctx, who.UserID, day, day)
		if err != nil {
			return Quest{}, err
		}
		var today int64
		for _, x := range xp {
			if x.Source != store.XPFromQuest {
				today += x.XP
			}
		}
		return xpQuest(today), nil
	}
	// A review quest: completed once nothing of its subject is due and some of it was
	// reviewed today. Items without a subject cannot be selected alone: read every subject.
	sc := store.ProgressScope{UserID: who.UserID, SeasonID: seasonID, SubjectID: cand.subjectID}
	due, err := tx.ProgressDueBySubject(ctx, sc, now)
	if err != nil {
		return Quest{}, err
	}
	due = ofSubject(due, cand.subjectID)
	if len(due) > 0 {
		return Quest{}, nil // still due: active
	}
	start, end := dayBounds(day, who.Location)
	reviewed, err := tx.ProgressReviewedBySubject(ctx, sc, start, end, now)
	if err != nil {
		return Quest{}, err
	}
	quests := reviewQuests(nil, ofSubject(reviewed, cand.subjectID))
	if len(quests) == 0 {
		return Quest{}, nil
	}
	return quests[0], nil
}

// ofSubject keeps the counts of one subject (nil: items without a subject).
func ofSubject(counts []store.SubjectCount, subject *string) []store.SubjectCount {
	var out []store.SubjectCount
	for _, c := range counts {
		if subjectKey(c.SubjectID) == subjectKey(subject) && (c.SubjectID == nil) == (subject == nil) && c.Count > 0 {
			out = append(out, c)
		}
	}
	return out
}
