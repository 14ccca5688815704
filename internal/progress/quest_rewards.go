package progress

import (
	"context"
	"fmt"
	"slices"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

// settle credits the reward of every completed quest that has one, once per quest per day:
// the ledger ref "<quest id>:<YYYY-MM-DD>" is unique per user and source, so concurrent
// calls insert it once and the others change nothing. A quick read first keeps the common
// case (already credited) away from the write transaction. Committed credits go to the
// Observer (leaderboards).
func (s *Service) settle(ctx context.Context, who identity.Principal, now, day time.Time, quests []Quest) error {
	due := map[string]*Quest{}
	var refs []string
	for i := range quests {
		q := &quests[i]
		if q.Status == QuestCompleted && q.Reward != nil && q.Reward.Amount > 0 {
			ref := q.ID + ":" + day.Format(time.DateOnly)
			due[ref] = q
			refs = append(refs, ref)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	done, err := s.Store.ProgressCreditedRefs(ctx, who.UserID, store.XPFromQuest, refs)
	if err != nil {
		return err
	}
	var credits []Credit
	for _, ref := range refs {
		if slices.Contains(done, ref) {
			due[ref].Rewarded = true
			continue
		}
		q := due[ref]
		credits = append(credits, Credit{UserID: who.UserID, InstitutionID: who.InstitutionID, SubjectID: q.subjectID,
			Source: store.XPFromQuest, Ref: ref, Amount: q.Reward.Amount, At: now, Day: day})
	}
	if len(credits) == 0 {
		return nil
	}
	applied, err := s.credit(ctx, credits)
	if err != nil {
		return err
	}
	for _, c := range credits {
		due[c.Ref].Rewarded = true // credited now or, concurrently, by another call
	}
	if len(applied) > 0 && s.Observer != nil {
		s.Observer.Credited(ctx, applied)
	}
	return nil
}

// credit applies credits in one transaction and returns those that were new.
func (s *Service) credit(ctx context.Context, credits []Credit) ([]Credit, error) {
	var applied []Credit
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		applied = applied[:0]
		for _, c := range credits {
			ok, err := Apply(ctx, tx, c)
			if err != nil {
				return err
			}
			if ok {
				applied = append(applied, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("quest rewards: %w", err)
	}
	return applied, nil
}
