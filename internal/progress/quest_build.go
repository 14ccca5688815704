package progress

import (
	"cmp"
	"fmt"
	"slices"

	"memora/internal/store"
)

// buildQuests lays out the day's quests (§3.8), in the original's order: review quests,
// then the streak and XP quests.
//
// Review quests, one per subject: its target is what is due now plus what was already
// reviewed today (in review sessions) and is no longer due; progress is the latter. It is
// listed while something is due, and as completed once nothing of the subject is due after
// reviews today; its reward (10 XP per item) is then credited. quest_review_done (no
// reward, as the original) leads when the player reviewed today and nothing is due.
func buildQuests(qd questDay) []Quest {
	var quests []Quest
	totalDue := int64(0)
	for _, d := range qd.due {
		totalDue += d.Count
	}
	if qd.activity.ReviewedToday && totalDue == 0 {
		quests = append(quests, Quest{ID: QuestReviewDone, Type: "review", Title: "أنعش ذاكرتك",
			TitleEN: "Refresh your memory", Description: "أنجزت مراجعاتك لليوم، أحسنت!",
			DescriptionEN: "You finished today's reviews. Well done!", Icon: "brain", Progress: 1, Target: 1,
			Status: QuestCompleted})
	}
	quests = append(quests, reviewQuests(qd.due, qd.reviewed)...)
	return append(quests, streakQuest(qd.activity.PlayedToday), xpQuest(qd.xpToday))
}

// reviewQuests lists active quests (something due) first, then completed ones, each in
// subject order ("عام" first).
func reviewQuests(due, reviewed []store.SubjectCount) []Quest {
	bySubject := func(a, b store.SubjectCount) int {
		return cmp.Or(cmp.Compare(boolInt(a.SubjectID != nil), boolInt(b.SubjectID != nil)),
			cmp.Compare(subjectKey(a.SubjectID), subjectKey(b.SubjectID)))
	}
	due, reviewed = slices.Clone(due), slices.Clone(reviewed)
	slices.SortFunc(due, bySubject)
	slices.SortFunc(reviewed, bySubject)
	done := make(map[string]int64, len(reviewed))
	for _, r := range reviewed {
		done[subjectKey(r.SubjectID)] = r.Count
	}
	var active, completed []Quest
	seen := make(map[string]bool, len(due))
	for _, d := range due {
		key := subjectKey(d.SubjectID)
		seen[key] = true
		active = append(active, reviewQuest(d, done[key], d.Count))
	}
	for _, r := range reviewed {
		if !seen[subjectKey(r.SubjectID)] {
			completed = append(completed, reviewQuest(r, r.Count, 0))
		}
	}
	return append(active, completed...)
}

func reviewQuest(sc store.SubjectCount, reviewed, due int64) Quest {
	key := subjectKey(sc.SubjectID)
	title, titleEN := sc.SubjectTitle, sc.SubjectTitleEN
	if sc.SubjectID == nil {
		title, titleEN = generalSubject, "general"
	}
	if titleEN == "" {
		titleEN = title
	}
	target := due + reviewed
	q := Quest{ID: questReview + key, Type: "review", Title: "مراجعة " + title, TitleEN: "Review " + titleEN,
		Description:   fmt.Sprintf("لديك %d معلومة تحتاج للتثبيت!", due),
		DescriptionEN: fmt.Sprintf("You have %d items to consolidate!", due),
		Icon:          "brain", Progress: reviewed, Target: target,
		Reward: &Reward{Type: "xp", Amount: int(target) * reviewXPPerItem}, Status: QuestActive, IsUrgent: due > 0,
		Meta: map[string]any{"subject": sc.SubjectID, "subject_title": sc.SubjectTitle}, subjectID: sc.SubjectID}
	if due == 0 {
		q.Status = QuestCompleted
		q.Description, q.DescriptionEN = "راجعت كل ما يحتاج للتثبيت، أحسنت!", "Everything is consolidated. Well done!"
	}
	return q
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func subjectKey(id *string) string {
	if id == nil {
		return generalSubject
	}
	return *id
}

func streakQuest(playedToday bool) Quest {
	q := Quest{ID: QuestStreak, Type: "streak", Title: "شعلة النشاط", TitleEN: "Keep the flame",
		Description: "أكمل درساً واحداً اليوم.", DescriptionEN: "Complete one lesson today.", Icon: "flame",
		Target: 1, Reward: &Reward{Type: "xp", Amount: streakQuestAward}, Status: QuestActive}
	if playedToday {
		q.Progress, q.Status = 1, QuestCompleted
	}
	return q
}

// xpQuest counts today's XP without quest rewards, so one reward cannot complete another.
func xpQuest(xpToday int64) Quest {
	q := Quest{ID: QuestXP, Type: "xp_goal", Title: "تحدي النقاط اليومي", TitleEN: "Daily XP challenge",
		Description:   fmt.Sprintf("اجمع %d نقطة خبرة اليوم.", xpQuestTarget),
		DescriptionEN: fmt.Sprintf("Earn %d XP today.", xpQuestTarget), Icon: "trophy", Progress: xpToday,
		Target: xpQuestTarget, Reward: &Reward{Type: "xp", Amount: xpQuestReward}, Status: QuestActive}
	if xpToday >= xpQuestTarget {
		q.Status = QuestCompleted
	}
	return q
}
