package play

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestScoreSession(t *testing.T) {
	t.Parallel()
	stages := testStages() // r, m, q scored; v not
	g := func(id string, ok bool) Graded { return Graded{StageID: id, Correct: ok} }
	cases := []struct {
		name   string
		graded []Graded
		want   Score
	}{
		{"all correct: 10, 12, 14", []Graded{g("r", true), g("m", true), g("q", true)}, Score{StageXP: 36, Correct: 3, Total: 3, Completed: true}},
		{"a wrong answer resets the combo; the retry completes", []Graded{g("r", true), g("m", false), g("q", true), g("m", true)},
			Score{StageXP: 10 + 10 + 12, Correct: 3, Total: 3, Completed: true}},
		{"repeating a passed stage earns nothing and keeps the combo",
			[]Graded{g("r", true), g("r", true), g("r", false), g("m", true)}, Score{StageXP: 10 + 12, Correct: 2, Total: 3}},
		{"nothing answered", nil, Score{Total: 3}},
		{"all wrong", []Graded{g("r", false), g("m", false), g("q", false)}, Score{Total: 3}},
	}
	for _, c := range cases {
		require.Equal(t, c.want, ScoreSession(stages, c.graded), c.name)
	}
	require.True(t, ScoreSession(nil, nil).Completed, "a lesson without scored stages is completed by playing it")
}

func TestLessonXP(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	yesterday := day.AddDate(0, 0, -1)
	play := func(d time.Time, completed bool) store.LessonPlay {
		return store.LessonPlay{LocalDay: d, Completed: completed}
	}
	full := Score{StageXP: 36, Correct: 3, Total: 3, Completed: true}
	partial := Score{StageXP: 22, Correct: 2, Total: 3}
	cases := []struct {
		name  string
		score Score
		plays []store.LessonPlay
		xp    int
		first bool
	}{
		{"first completion: stages plus the reward", full, nil, 36 + 50, true},
		{"first completion after failed tries", full, []store.LessonPlay{play(day, false), play(day, false)}, 86, true},
		{"an incomplete try: stages only", partial, nil, 22, false},
		{"first replay of the day: half", full, []store.LessonPlay{play(yesterday, true)}, 43, false},
		{"first replay on the day of the completion: half", full, []store.LessonPlay{play(day, true)}, 43, false},
		{"later replays of the day: a tenth", full, []store.LessonPlay{play(yesterday, true), play(day, true)}, 8, false},
		{"an incomplete replay counts too", full, []store.LessonPlay{play(day, true), play(day, false)}, 8, false},
		{"the third replay of the day: a tenth", full, []store.LessonPlay{play(day, true), play(day, true), play(day, true)}, 8, false},
		{"the fourth replay of the day: nothing", full, []store.LessonPlay{play(day, true), play(day, true), play(day, true), play(day, false)}, 0, false},
		{"replays of other days do not count", full, []store.LessonPlay{play(yesterday, true), play(yesterday, true)}, 43, false},
		{"an incomplete replay: half of its stage XP", partial, []store.LessonPlay{play(yesterday, true)}, 11, false},
	}
	for _, c := range cases {
		xp, first := LessonXP(c.score, 50, c.plays, day)
		require.Equal(t, c.xp, xp, c.name)
		require.Equal(t, c.first, first, c.name)
	}
}
