package play

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/problem"
	"memora/internal/store"
)

func testStages() []store.Stage {
	return []store.Stage{
		{ID: "r", Type: "reveal", Config: json.RawMessage(`{"sentence":"The sun is a star.","highlights":[{"word":"sun","explanation":"e"},{"word":"star","explanation":"e"}]}`)},
		{ID: "m", Type: "matching", Config: json.RawMessage(`{"pairs":[{"id":"a","left":"1","right":"one"},{"id":"b","left":"2","right":"two"}]}`)},
		{ID: "q", Type: "quiz", Config: json.RawMessage(`{"question":"2+2?","options":["3","4"],"correct_index":1}`)},
		{ID: "v", Type: "video", Config: json.RawMessage(`{"url":"https://example.org/v.mp4"}`)},
	}
}

func num(v float64) *float64 { return &v }

func TestGradeAnswers(t *testing.T) {
	t.Parallel()
	in := []Interaction{
		{QuestionID: "r", Answer: json.RawMessage(`{"revealed":[1,0,1]}`), DurationMs: num(1200)},
		{QuestionID: "r", Answer: json.RawMessage(`{"revealed":[0]}`), TimeSpentMs: num(4000)},
		{QuestionID: "m", Answer: json.RawMessage(`{"pairs":{"a":"a","b":"b"}}`), AttemptsCount: num(2)},
		{QuestionID: "m", Answer: json.RawMessage(`{"pairs":{"a":"b","b":"a"}}`)},
		{QuestionID: "q", Answer: json.RawMessage(`{"option":1}`), DurationMs: num(10.7), TimeSpentMs: num(99)},
		{QuestionID: "q", Answer: json.RawMessage(`{"option":0}`)},
		{QuestionID: "v"}, // not scored: ignored
	}
	got, ungraded, err := Grade(testStages(), in)
	require.NoError(t, err)
	require.Empty(t, ungraded)
	require.Equal(t, []Graded{
		{StageID: "r", Correct: true, DurationMs: 1200, Attempts: 1},
		{StageID: "r", Correct: false, DurationMs: 4000, Attempts: 1},
		{StageID: "m", Correct: true, DurationMs: 3000, Attempts: 2},
		{StageID: "m", Correct: false, DurationMs: 3000, Attempts: 1},
		{StageID: "q", Correct: true, DurationMs: 10, Attempts: 1},
		{StageID: "q", Correct: false, DurationMs: 3000, Attempts: 1},
	}, got)
}

// An interaction without an answer is neither right nor wrong: it is not graded (no XP, no
// memory update) and is listed, once per stage.
func TestGradeListsInteractionsWithoutAnAnswerAsUngraded(t *testing.T) {
	t.Parallel()
	in := []Interaction{
		{QuestionID: "q"},
		{QuestionID: "m", Answer: json.RawMessage(`null`)},
		{QuestionID: "q", Answer: json.RawMessage(` `)},
		{QuestionID: "r", Answer: json.RawMessage(`{"revealed":[0,1]}`)},
		{QuestionID: "v"},
	}
	got, ungraded, err := Grade(testStages(), in)
	require.NoError(t, err)
	require.Equal(t, []Graded{{StageID: "r", Correct: true, DurationMs: 3000, Attempts: 1}}, got)
	require.Equal(t, []string{"q", "m"}, ungraded)

	_, _, err = Grade(testStages(), []Interaction{{QuestionID: "q", DurationMs: num(-1)}})
	require.Error(t, err, "an ungraded interaction's numbers are still checked")
}

func TestGradeRefusesBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   Interaction
		want string
	}{
		{Interaction{QuestionID: "x"}, `interactions[0]: question_id "x" is not a stage of this lesson`},
		{Interaction{}, `interactions[0]: question_id "" is not a stage of this lesson`},
		{Interaction{QuestionID: "q", Answer: json.RawMessage(`{"option":"1"}`)}, `interactions[0]: a quiz answer is {"option": <index>}`},
		{Interaction{QuestionID: "q", Answer: json.RawMessage(`{"choice":1}`)}, `interactions[0]: a quiz answer is {"option": <index>}`},
		{Interaction{QuestionID: "m", Answer: json.RawMessage(`{"pairs":["a"]}`)},
			`interactions[0]: a matching answer is {"pairs": {"<left id>": "<right id>"}}`},
		{Interaction{QuestionID: "r", Answer: json.RawMessage(`[1]`)}, `interactions[0]: a reveal answer is {"revealed": [<highlight index>]}`},
		{Interaction{QuestionID: "q", DurationMs: num(-1)}, `interactions[0]: duration_ms must be a non-negative number`},
		{Interaction{QuestionID: "q", AttemptsCount: num(-2)}, `interactions[0]: attempts_count must be a non-negative number`},
	}
	for _, c := range cases {
		_, _, err := Grade(testStages(), []Interaction{c.in})
		p, ok := problem.As(err)
		require.True(t, ok, c.want)
		require.Equal(t, problem.Invalid, p.Kind)
		require.Equal(t, c.want, p.Message)
	}
}
