package review

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestParseRef(t *testing.T) {
	for id, want := range map[string]ref{
		"stage-1:0":  {id: "stage-1:0", stage: "stage-1", index: 0},
		"stage-1:12": {id: "stage-1:12", stage: "stage-1", index: 12},
		"stage-1":    {id: "stage-1", stage: "stage-1", index: -1},
		"stage-1:03": {id: "stage-1:03", stage: "stage-1:03", index: -1}, // not canonical
		"stage-1:-1": {id: "stage-1:-1", stage: "stage-1:-1", index: -1},
		"stage-1:x":  {id: "stage-1:x", stage: "stage-1:x", index: -1},
		":1":         {id: ":1", stage: ":1", index: -1},
	} {
		require.Equal(t, want, parseRef(id), id)
	}
}

func TestBlankWord(t *testing.T) {
	require.Equal(t, "The revolt began in ____.", blankWord("The revolt began in 1916.", "1916"))
	require.Equal(t, "بدأت ____ العربية الكبرى", blankWord("بدأت الثورة العربية الكبرى", "الثورة"))
	// Not written as highlighted: matched word by word, as NormalizeWord compares.
	require.Equal(t, "In ____ Sharif Hussein", blankWord("In Mecca, Sharif Hussein", "mecca"))
	require.Equal(t, "بدأت ____ العربية", blankWord("بدأت الثَّورة العربية", "الثورة"))
}

func TestDistractors(t *testing.T) {
	for range 20 {
		d := distractors([]string{"Revolt", "1916", "Mecca", "mecca", "Amman", "Aqaba"}, "1916")
		require.Len(t, d, 3)
		require.NotContains(t, d, "1916")
		seen := map[string]bool{}
		for _, w := range d {
			require.False(t, seen[w], "distinct: %v", d)
			seen[w] = true
		}
		require.False(t, seen["Mecca"] && seen["mecca"], "told apart as NormalizeWord does")
	}
	require.Equal(t, []string{"A", "...", "..."}, distractors([]string{"A", "B"}, "B"))
	require.Equal(t, []string{"...", "...", "..."}, distractors(nil, "B"))
}

func TestCard(t *testing.T) {
	q := question{id: "s:1", origin: "matching", prompt: "p", correct: "B", pool: []string{"A", "B", "C"}}
	c := q.card()
	require.Equal(t, Card{ID: "s:1", Type: "quiz", Question: "p", CorrectAnswer: "B", OriginType: "matching", Options: c.Options}, c)
	require.ElementsMatch(t, []string{"A", "B", "C", "..."}, c.Options)
	quiz := question{id: "q", origin: "quiz", prompt: "?", correct: "y", options: []string{"x", "y"}}
	c = quiz.card()
	require.ElementsMatch(t, []string{"x", "y"}, c.Options)
	require.Equal(t, []string{"x", "y"}, quiz.options, "the stage's list is not shuffled in place")
}

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		correct   []bool
		xp, combo int
	}{
		{nil, 0, 0},
		{[]bool{true}, 10, 0},
		{[]bool{true, true, true}, 36, 3},                    // 10 + 12 + 14
		{[]bool{true, false, true, true}, 32, 1},             // 10, reset, 10 + 12
		{[]bool{false, false}, 0, 0},                         //
		{[]bool{true, true, false, true, true, true}, 58, 4}, // 10+12, 10+12+14
	} {
		xp, combo := score(tc.correct)
		require.Equal(t, tc.xp, xp, "%v", tc.correct)
		require.Equal(t, tc.combo, combo, "%v", tc.correct)
	}
}

func TestFocusLimit(t *testing.T) {
	for total, want := range map[int]int{1: 10, 15: 10, 109: 10, 110: 11, 200: 20, 300: 30, 500: 30} {
		require.Equal(t, want, focusLimit(total), total)
	}
}

func TestRedZone(t *testing.T) {
	today := time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { v := today.Add(d); return &v }
	items := []store.MemoryState{
		{QuestionID: "strong-today", Level: 3, LastReview: at(time.Hour)},
		{QuestionID: "weak-today", Level: 1, LastReview: at(2 * time.Hour)},
		{QuestionID: "weak-old", Level: 1, LastReview: at(-48 * time.Hour)},
		{QuestionID: "strong-yesterday", Level: 4, LastReview: at(-time.Second)},
		{QuestionID: "never", Level: 2},
		{QuestionID: "midnight", Level: 2, LastReview: at(0)},
	}
	var ids []string
	for _, m := range redZone(items, today) {
		ids = append(ids, m.QuestionID)
	}
	require.Equal(t, []string{"weak-old", "weak-today", "never", "strong-yesterday"}, ids)
	require.Equal(t, 4, remaining(items, today))
	require.Equal(t, today, dayStart(time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC), time.FixedZone("AST", 3*3600)))
}

func TestGradeAnswer(t *testing.T) {
	reveal := question{id: "r:0", correct: "الثورة", words: true}
	match := question{id: "m:0", correct: "A"}
	quiz := question{id: "q", correct: "y", options: []string{"x", "y", "z"}}
	for _, tc := range []struct {
		q      question
		answer string
		want   bool
		bad    bool
	}{
		{reveal, `"الثورة"`, true, false},
		{reveal, `" الثَّورة "`, true, false},
		{reveal, `"..."`, false, false},
		{match, `"A"`, true, false},
		{match, `" A "`, true, false},
		{match, `"a"`, false, false}, // an option as written, not case-folded
		{match, `1`, false, true},
		{quiz, `1`, true, false},
		{quiz, `2`, false, false},
		{quiz, `7`, false, true}, // out of range: a 400, not a wrong answer
		{quiz, `-1`, false, true},
		{quiz, `"y"`, true, false},
		{quiz, `{"option":1}`, false, true},
	} {
		got, err := tc.q.grade(json.RawMessage(tc.answer))
		if tc.bad {
			require.Error(t, err, tc.answer)
			continue
		}
		require.NoError(t, err, tc.answer)
		require.Equal(t, tc.want, got, "%s %s", tc.q.id, tc.answer)
	}
	for _, missing := range []string{``, ` `, `null`} {
		require.False(t, answered(json.RawMessage(missing)), "%q is no answer: ungraded, never wrong", missing)
	}
	require.True(t, answered(json.RawMessage(`0`)))
}

func TestAnswerDuration(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	require.Equal(t, 3000, Answer{}.durationMs(), "E.47")
	require.Equal(t, 3000, Answer{TimeSpentMs: f(0)}.durationMs(), "zero is missing, as the original's `or`")
	require.Equal(t, 1500, Answer{TimeSpentMs: f(1500), DurationMs: f(9000)}.durationMs())
	require.Equal(t, 9000, Answer{DurationMs: f(9000)}.durationMs())
	require.Equal(t, 1235, Answer{DurationMs: f(1234.6)}.durationMs())
}
