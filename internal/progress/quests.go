package progress

import (
	"context"
	"fmt"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

// Quest ids, targets and rewards of §3.8.
const (
	QuestReviewDone = "quest_review_done"
	QuestStreak     = "quest_streak"
	QuestXP         = "quest_xp"
	questReview     = "quest_review_"
	generalSubject  = "عام" // the original's group of items without a subject

	xpQuestTarget    = 200
	xpQuestReward    = 150
	streakQuestAward = 100
	reviewXPPerItem  = 10
)

// Quest statuses.
const (
	QuestActive    = "active"
	QuestCompleted = "completed"
)

// Reward is what completing a quest credits.
type Reward struct {
	Type   string `json:"type"`
	Amount int    `json:"amount"`
}

// Quest is one daily quest. Rewarded says its reward has been credited today.
type Quest struct {
	ID            string         `json:"id"`
	Type          string         `json:"type"`
	Title         string         `json:"title"`
	TitleEN       string         `json:"title_en"`
	Description   string         `json:"description"`
	DescriptionEN string         `json:"description_en"`
	Icon          string         `json:"icon"`
	Progress      int64          `json:"progress"`
	Target        int64          `json:"target"`
	Reward        *Reward        `json:"reward,omitempty"`
	Status        string         `json:"status"`
	IsUrgent      bool           `json:"isUrgent"`
	Meta          map[string]any `json:"meta,omitempty"`
	Rewarded      bool           `json:"rewarded"`

	subjectID *string // the subject a review quest's reward is credited to
}

// questDay is everything the quests of one player's day are computed from.
type questDay struct {
	activity  Activity
	xpToday   int64                // today's XP, quest rewards excluded
	due       []store.SubjectCount // live items due now, per subject
	reviewed  []store.SubjectCount // items reviewed today and no longer due, per subject
	questRefs []string             // the refs of the quest rewards credited today
}

// DailyQuests answers get_daily_quests. It only reads, in one round trip where the engine
// allows: a quest's reward is credited by the session that completes it (SettleQuests), and
// Rewarded says whether that happened (today's quest credits are read with the day's rows).
func (s *Service) DailyQuests(ctx context.Context, who identity.Principal, subjectID string) ([]Quest, error) {
	subject, err := s.subjectParam(ctx, subjectID)
	if err != nil {
		return nil, err
	}
	prof, _, err := s.profile(ctx, who.UserID)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	day := who.Today(now)
	var due []store.SubjectCount
	dueKnown := false
	if prof.SeasonID != nil && *prof.SeasonID != "" {
		if due, dueKnown, err = s.dueFromSchedule(ctx, who.UserID, *prof.SeasonID, subject, now); err != nil {
			return nil, fmt.Errorf("daily quests: %w", err)
		}
	}
	qd, err := loadQuestDay(ctx, s.Store, who, prof.SeasonID, subject, now, day, dueKnown)
	if err != nil {
		return nil, fmt.Errorf("daily quests: %w", err)
	}
	if dueKnown {
		qd.due = due
	}
	quests := buildQuests(qd)
	markRewarded(quests, day, qd.questRefs)
	return quests, nil
}

// loadQuestDay reads what the quests of the player's day are computed from, through ex (the
// store, or a session's transaction), in one round trip where the engine allows (a streak
// longer than a page of active days reads on). Without a season there are no review quests.
// dueKnown: the caller counted the due items itself (the cached schedule's) and they are not
// read (qd.due stays nil).
func loadQuestDay(ctx context.Context, ex store.Executor, who identity.Principal, seasonID, subject *string,
	now, day time.Time, dueKnown bool) (questDay, error) {
	q := store.QuestDayReads{UserID: who.UserID, ActivityBefore: activityBefore(day), ActivityLimit: activityPage,
		Day: day, Now: now, DueKnown: dueKnown}
	if seasonID != nil && *seasonID != "" {
		q.Scope = store.ProgressScope{UserID: who.UserID, SeasonID: *seasonID, SubjectID: subject}
		q.From, q.To = dayBounds(day, who.Location)
	}
	read, err := ex.QuestDayRead(ctx, q)
	if err != nil {
		return questDay{}, err
	}
	qd := questDay{due: read.Due, reviewed: read.Reviewed, questRefs: read.QuestRefs}
	if read.Activity == nil {
		read.Activity = []store.ActivityDay{} // read: an empty page is not "read it"
	}
	if qd.activity, err = activityFrom(ctx, ex, who.UserID, day, read.Activity); err != nil {
		return qd, err
	}
	for _, x := range read.XP {
		if x.Source != store.XPFromQuest {
			qd.xpToday += x.XP
		}
	}
	return qd, nil
}

// dayBounds are the instants a local day starts and ends (23 or 25 hours across DST).
func dayBounds(day time.Time, loc *time.Location) (time.Time, time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	return start.UTC(), start.AddDate(0, 0, 1).UTC()
}
