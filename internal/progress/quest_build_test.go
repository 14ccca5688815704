package progress

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func questIDs(qs []Quest) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

func TestBuildQuests(t *testing.T) {
	math, phys := "math", "phys"
	for name, tc := range map[string]struct {
		qd   questDay
		want []string
	}{
		"a quiet day": {questDay{}, []string{QuestStreak, QuestXP}},
		"reviewed, nothing due (H.75)": {questDay{activity: Activity{PlayedToday: true, ReviewedToday: true}},
			[]string{QuestReviewDone, QuestStreak, QuestXP}},
		"due per subject, general first (H.77)": {questDay{due: []store.SubjectCount{
			{SubjectID: &phys, Count: 1}, {SubjectID: nil, Count: 2}, {SubjectID: &math, Count: 3}}},
			[]string{"quest_review_عام", "quest_review_math", "quest_review_phys", QuestStreak, QuestXP}},
		"active before completed": {questDay{activity: Activity{ReviewedToday: true},
			due:      []store.SubjectCount{{SubjectID: &phys, Count: 1}},
			reviewed: []store.SubjectCount{{SubjectID: &math, Count: 4}, {SubjectID: &phys, Count: 2}}},
			[]string{"quest_review_phys", "quest_review_math", QuestStreak, QuestXP}},
	} {
		require.Equal(t, tc.want, questIDs(buildQuests(tc.qd)), name)
	}

	qs := buildQuests(questDay{activity: Activity{ReviewedToday: true, PlayedToday: true}, xpToday: 199,
		due:      []store.SubjectCount{{SubjectID: &phys, SubjectTitle: "فيزياء", Count: 1}},
		reviewed: []store.SubjectCount{{SubjectID: &phys, Count: 2}, {SubjectID: &math, SubjectTitle: "رياضيات", Count: 4}}})
	p, m, streak, xp := qs[0], qs[1], qs[2], qs[3]
	require.Equal(t, []any{int64(2), int64(3), QuestActive, 30, true}, []any{p.Progress, p.Target, p.Status, p.Reward.Amount, p.IsUrgent})
	require.Equal(t, "مراجعة فيزياء", p.Title)
	require.Equal(t, []any{int64(4), int64(4), QuestCompleted, 40, false}, []any{m.Progress, m.Target, m.Status, m.Reward.Amount, m.IsUrgent})
	require.Equal(t, &math, m.subjectID, "the reward goes to the subject")
	require.Equal(t, []any{int64(1), QuestCompleted, 100}, []any{streak.Progress, streak.Status, streak.Reward.Amount})
	require.Equal(t, []any{int64(199), int64(200), QuestActive, 150}, []any{xp.Progress, xp.Target, xp.Status, xp.Reward.Amount})
	require.Equal(t, QuestCompleted, xpQuest(200).Status)
}
