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

// markRewarded sets Rewarded on the completed quests whose reward is among credited, the
// refs of the quest rewards credited on day. It only reads.
func markRewarded(quests []Quest, day time.Time, credited []string) {
	for _, q := range rewarding(quests) {
		q.Rewarded = slices.Contains(credited, questRef(*q, day))
	}
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
	return settleQuests(ctx, tx, who, seasonID, now, subjects, nil)
}

// QuestReads are the reads SettleQuestsWith settles a session's quests from, for
// store.SessionWrite to run after the session's writes (in the same round trip on
// PostgreSQL): the same arguments as SettleQuests.
func QuestReads(who identity.Principal, seasonID string, now time.Time, subjects []*string) store.QuestReads {
	day := who.Today(now)
	cands := questCandidates(subjects)
	refs := make([]string, len(cands))
	for i, q := range cands {
		refs[i] = questRef(q, day)
	}
	var subs []*string
	for _, q := range cands[2:] { // the review quests'
		subs = append(subs, q.subjectID)
	}
	return store.QuestReads{UserID: who.UserID, SeasonID: seasonID, Refs: refs, Day: day, Now: now, Subjects: subs,
		SubjectRefs: refs[2:]}
}

// SettleQuestsWith is SettleQuests from what QuestReads read after the session's writes
// (in): it reads only what a quest that may have just completed still needs.
func SettleQuestsWith(ctx context.Context, tx store.Executor, who identity.Principal, seasonID string, now time.Time,
	subjects []*string, in store.QuestInputs) ([]Credit, error) {
	return settleQuests(ctx, tx, who, seasonID, now, subjects, &in)
}

// questCandidates are the quests a session touching subjects can complete: the streak
// quest, the XP quest and the review quest of each subject.
func questCandidates(subjects []*string) []Quest {
	candidates := []Quest{{ID: QuestStreak}, {ID: QuestXP}}
	seen := map[string]bool{}
	for _, sub := range subjects {
		if key := subjectKey(sub); !seen[key] {
			seen[key] = true
			candidates = append(candidates, Quest{ID: questReview + key, subjectID: sub})
		}
	}
	return candidates
}

// settleQuests is SettleQuests, reading through tx what in (nil: nothing read yet) lacks.
func settleQuests(ctx context.Context, tx store.Executor, who identity.Principal, seasonID string, now time.Time,
	subjects []*string, in *store.QuestInputs) ([]Credit, error) {
	day := who.Today(now)
	candidates := questCandidates(subjects)
	var done []string
	if in != nil {
		done = in.Credited
	} else {
		refs := make([]string, len(candidates))
		for i, q := range candidates {
			refs[i] = questRef(q, day)
		}
		var err error
		if done, err = tx.ProgressCreditedRefs(ctx, who.UserID, store.XPFromQuest, refs); err != nil {
			return nil, fmt.Errorf("quest rewards: %w", err)
		}
	}
	var credits []Credit
	for _, cand := range candidates {
		if slices.Contains(done, questRef(cand, day)) {
			continue
		}
		q, err := questToday(ctx, tx, who, seasonID, cand, now, day, in)
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
// it needs and in (when not nil) does not hold. in's crediting state is not changed by the
// credits settled before cand: a reward never counts toward another quest.
func questToday(ctx context.Context, tx store.Executor, who identity.Principal, seasonID string, cand Quest,
	now, day time.Time, in *store.QuestInputs) (Quest, error) {
	switch cand.ID {
	case QuestStreak:
		return streakQuest(true), nil // the session being recorded is today's
	case QuestXP:
		var xp []store.DayXP
		var err error
		if in != nil {
			xp = in.XP
		} else if xp, err = tx.ProgressXPByDay(ctx, who.UserID, day, day); err != nil {
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
	var due []store.SubjectCount
	var err error
	if in != nil {
		due = in.Due // those of the session's subjects with something due
	} else if due, err = tx.ProgressDueBySubject(ctx, sc, now); err != nil {
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
