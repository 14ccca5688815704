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
// that is completed and not yet credited, and returns the new credits. A recorded session
// calls it in its own transaction, after its writes (the player is locked), so the session
// that completes a quest credits its reward: exactly once per quest per local day, whether
// or not the player ever opens the quest list. seasonID is the player's season (review
// quests count its items).
func SettleQuests(ctx context.Context, tx store.Executor, who identity.Principal, seasonID string, now time.Time) ([]Credit, error) {
	day := who.Today(now)
	qd, err := loadQuestDay(ctx, tx, who, &seasonID, nil, now, day)
	if err != nil {
		return nil, fmt.Errorf("quest rewards: %w", err)
	}
	quests := buildQuests(qd)
	qs := rewarding(quests)
	done, err := creditedRefs(ctx, tx, who.UserID, day, qs)
	if err != nil {
		return nil, err
	}
	var credits []Credit
	for _, q := range qs {
		ref := questRef(*q, day)
		if slices.Contains(done, ref) {
			continue
		}
		c := Credit{UserID: who.UserID, InstitutionID: who.InstitutionID, SubjectID: q.subjectID,
			Source: store.XPFromQuest, Ref: ref, Amount: q.Reward.Amount, At: now, Day: day}
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
