package catalog

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseStageConfigReturnsTypedValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		typ  string
		raw  string
		want any
	}{
		{StageReveal, `{"image":"🏛️","sentence":"تقع البتراء في جنوب الأردن.","highlights":[{"word":"البتراء","explanation":"مدينة الأنباط"}]}`,
			RevealConfig{Image: "🏛️", Sentence: "تقع البتراء في جنوب الأردن.", Highlights: []Highlight{{"البتراء", "مدينة الأنباط"}}}},
		{StageMatching, `{"instruction":"صل","pairs":[{"id":"a","left":"1","right":"one"},{"id":"b","left":"2","right":"two"}]}`,
			MatchingConfig{Instruction: "صل", Pairs: []Pair{{"a", "1", "one"}, {"b", "2", "two"}}}},
		{StageQuiz, `{"question":"2+2؟","options":["3","4"],"correct_index":1,"explanation":"جمع"}`,
			QuizConfig{Question: "2+2؟", Options: []string{"3", "4"}, CorrectIndex: 1, Explanation: "جمع"}},
		{StageVideo, `{"url":"https://example.org/v.mp4","caption":"c","duration_seconds":90}`,
			VideoConfig{URL: "https://example.org/v.mp4", Caption: "c", DurationSeconds: 90}},
		{StageReading, `{"body":"نص"}`, ReadingConfig{Body: "نص"}},
	}
	for _, c := range cases {
		got, err := ParseStageConfig(c.typ, json.RawMessage(c.raw))
		require.NoError(t, err, c.typ)
		require.Equal(t, c.want, got, c.typ)
	}
}

func TestValidateStageConfigErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, typ, raw, want string
	}{
		{"unknown type", "story", `{}`, `unknown stage type "story" (want one of reveal, matching, quiz, video, reading)`},
		{"empty", StageQuiz, ``, `quiz config: config is empty`},
		{"unknown field", StageQuiz, `{"question":"q","options":["a","b"],"correct_index":0,"answer":1}`,
			`quiz config: decode: json: unknown field "answer"`},
		{"trailing data", StageReading, `{"body":"x"} {}`, `reading config: decode: unexpected data after the config object`},
		{"wrong type", StageQuiz, `{"question":"q","options":"a"}`,
			`quiz config: decode: json: cannot unmarshal string into Go struct field QuizConfig.options of type []string`},
		{"quiz index", StageQuiz, `{"question":"q","options":["a","b","c","d"],"correct_index":5}`,
			`quiz config: correct_index 5 is out of range (4 options)`},
		{"quiz negative index", StageQuiz, `{"question":"q","options":["a","b"],"correct_index":-1}`,
			`quiz config: correct_index -1 is out of range (2 options)`},
		{"quiz one option", StageQuiz, `{"question":"q","options":["a"]}`, `quiz config: 1 options given, want 2 to 6`},
		{"quiz seven options", StageQuiz, `{"question":"q","options":["a","b","c","d","e","f","g"]}`,
			`quiz config: 7 options given, want 2 to 6`},
		{"quiz duplicate", StageQuiz, `{"question":"q","options":["a"," a"]}`, `quiz config: options[1] " a" repeats options[0]`},
		{"quiz blank option", StageQuiz, `{"question":"q","options":["a"," "]}`, `quiz config: options[1] is empty`},
		{"quiz no question", StageQuiz, `{"question":" ","options":["a","b"]}`, `quiz config: question is empty`},
		{"reveal no highlights", StageReveal, `{"sentence":"x y"}`, `reveal config: at least one highlight is required`},
		{"reveal no sentence", StageReveal, `{"highlights":[{"word":"x","explanation":"e"}]}`, `reveal config: sentence is empty`},
		{"reveal missing word", StageReveal, `{"sentence":"The sun is a star.","highlights":[{"word":"moon","explanation":"e"}]}`,
			`reveal config: highlights[0]: word "moon" does not occur in the sentence`},
		{"reveal phrase", StageReveal, `{"sentence":"The sun is a star.","highlights":[{"word":"a star","explanation":"e"}]}`,
			`reveal config: highlights[0]: word "a star" does not occur in the sentence`},
		{"reveal no explanation", StageReveal, `{"sentence":"The sun is a star.","highlights":[{"word":"sun","explanation":""}]}`,
			`reveal config: highlights[0] "sun": explanation is empty`},
		{"reveal repeated", StageReveal, `{"sentence":"The sun is a star.","highlights":[{"word":"sun","explanation":"e"},{"word":"Sun","explanation":"e"}]}`,
			`reveal config: highlights[1]: word "Sun" repeats highlights[0]`},
		{"matching one pair", StageMatching, `{"pairs":[{"id":"a","left":"1","right":"one"}]}`,
			`matching config: at least 2 pairs are required (got 1)`},
		{"matching empty id", StageMatching, `{"pairs":[{"id":"a","left":"1","right":"one"},{"id":"","left":"2","right":"two"}]}`,
			`matching config: pairs[1]: id is empty`},
		{"matching duplicate id", StageMatching, `{"pairs":[{"id":"a","left":"1","right":"one"},{"id":"a","left":"2","right":"two"}]}`,
			`matching config: pairs[1]: id "a" repeats pairs[0]`},
		{"matching duplicate left", StageMatching, `{"pairs":[{"id":"a","left":"1","right":"one"},{"id":"b","left":"1","right":"two"}]}`,
			`matching config: pairs[1]: left "1" repeats pairs[0]`},
		{"matching duplicate right", StageMatching, `{"pairs":[{"id":"a","left":"1","right":"one"},{"id":"b","left":"2","right":"one"}]}`,
			`matching config: pairs[1]: right "one" repeats pairs[0]`},
		{"matching empty side", StageMatching, `{"pairs":[{"id":"a","left":"1","right":"one"},{"id":"b","left":"2","right":""}]}`,
			`matching config: pairs[1]: pair "b": right is empty`},
		{"video scheme", StageVideo, `{"url":"ftp://example.org/v.mp4"}`, `video config: url "ftp://example.org/v.mp4" is not an absolute http(s) URL`},
		{"video relative", StageVideo, `{"url":"/v.mp4"}`, `video config: url "/v.mp4" is not an absolute http(s) URL`},
		{"video duration", StageVideo, `{"url":"https://example.org/v.mp4","duration_seconds":-1}`, `video config: duration_seconds -1 is negative`},
		{"reading empty", StageReading, `{"body":"  "}`, `reading config: body is empty`},
		{"null", StageReading, `null`, `reading config: body is empty`},
	}
	for _, c := range cases {
		err := ValidateStageConfig(c.typ, json.RawMessage(c.raw))
		require.Error(t, err, c.name)
		require.EqualError(t, err, c.want, c.name)
	}
}

func TestUnknownStageTypeIsSentinel(t *testing.T) {
	t.Parallel()
	_, err := ParseStageConfig("Reveal", json.RawMessage(`{}`))
	require.True(t, errors.Is(err, ErrUnknownStageType))
}

func TestRevealWordsIgnorePunctuationCaseAndDiacritics(t *testing.T) {
	t.Parallel()
	ok := []struct{ sentence, word string }{
		{"Light travels fast, very fast!", "FAST"},
		{"ما عاصمة الأردن؟", "الأردن"},
		{"أعلن الاستقلالُ، وبدأ عهد جديد.", "الاستقلال"},
		{"«البتراء» مدينة وردية", "البتراء"},
		{"قال: نعم", "قال"},
	}
	for _, c := range ok {
		cfg := RevealConfig{Sentence: c.sentence, Highlights: []Highlight{{c.word, "e"}}}
		require.NoError(t, cfg.Validate(), c.sentence)
	}
	require.Equal(t, "الاستقلال", NormalizeWord("الاستقلالُ،"))
	require.Equal(t, []string{"a", "b"}, SentenceWords(" a\tb "))
}

func TestIsScored(t *testing.T) {
	t.Parallel()
	require.True(t, IsScored(StageReveal))
	require.True(t, IsScored(StageMatching))
	require.True(t, IsScored(StageQuiz))
	require.False(t, IsScored(StageVideo))
	require.False(t, IsScored(StageReading))
	require.False(t, IsScored("story"))
	for _, typ := range StageTypes() {
		require.True(t, IsStageType(typ))
	}
	require.False(t, IsStageType("Quiz"))
}

func TestGradeReveal(t *testing.T) {
	t.Parallel()
	cfg := RevealConfig{Highlights: []Highlight{{"a", "x"}, {"b", "y"}, {"c", "z"}}}
	require.True(t, GradeReveal(cfg, []int{2, 0, 1}))
	require.True(t, GradeReveal(cfg, []int{0, 1, 1, 2}))
	require.False(t, GradeReveal(cfg, []int{0, 1}))
	require.False(t, GradeReveal(cfg, nil))
	require.False(t, GradeReveal(cfg, []int{0, 1, 2, 3}))
	require.False(t, GradeReveal(cfg, []int{0, 1, 2, -1}))
}

func TestGradeMatching(t *testing.T) {
	t.Parallel()
	cfg := MatchingConfig{Pairs: []Pair{{"p1", "1", "one"}, {"p2", "2", "two"}, {"p3", "3", "three"}}}
	require.True(t, GradeMatching(cfg, map[string]string{"p1": "p1", "p2": "p2", "p3": "p3"}))
	require.False(t, GradeMatching(cfg, map[string]string{"p1": "p1", "p2": "p3", "p3": "p2"}))
	require.False(t, GradeMatching(cfg, map[string]string{"p1": "p1", "p2": "p2"}))
	require.False(t, GradeMatching(cfg, map[string]string{"p1": "p1", "p2": "p2", "x": "x"}))
	require.False(t, GradeMatching(cfg, nil))
	require.False(t, GradeMatching(MatchingConfig{}, map[string]string{}))
}

func TestGradeQuiz(t *testing.T) {
	t.Parallel()
	cfg := QuizConfig{Options: []string{"a", "b", "c", "d"}, CorrectIndex: 2}
	require.True(t, GradeQuiz(cfg, 2))
	require.False(t, GradeQuiz(cfg, 1))
	require.False(t, GradeQuiz(cfg, -1))
	require.False(t, GradeQuiz(cfg, 9))
}

func FuzzParseStageConfig(f *testing.F) {
	f.Add(StageQuiz, `{"question":"q","options":["a","b"],"correct_index":1}`)
	f.Add(StageReveal, `{"sentence":"a b","highlights":[{"word":"b","explanation":"x"}]}`)
	f.Add(StageMatching, `{"pairs":[{"id":"a","left":"1","right":"2"},{"id":"b","left":"3","right":"4"}]}`)
	f.Fuzz(func(t *testing.T, typ, raw string) {
		cfg, err := ParseStageConfig(typ, json.RawMessage(raw))
		if err != nil {
			return
		}
		// A config that parsed must survive a round trip unchanged.
		out, err := json.Marshal(cfg)
		require.NoError(t, err)
		again, err := ParseStageConfig(typ, out)
		require.NoError(t, err)
		require.Equal(t, cfg, again)
	})
}
