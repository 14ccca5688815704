package review

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/catalog"
	"memora/internal/store"
)

// A prepared pool draws what distractors draws: three distinct words (as NormalizeWord
// tells them apart) other than the answer, padded with "...", every candidate as often.
func TestDistractorPoolPicksAsDistractors(t *testing.T) {
	pool := newDistractorPool([]string{"Revolt", "1916", "Mecca", "mecca", "Amman", "Aqaba", "1916"})
	require.Equal(t, []string{"Revolt", "1916", "Mecca", "Amman", "Aqaba"}, pool.words)
	skip := pool.find("1916")
	require.Equal(t, 1, skip)
	counts := map[string]int{}
	const draws = 4000
	for range draws {
		d := pool.pick(skip)
		require.Len(t, d, distractorCount)
		require.Equal(t, distractorCount+1, cap(d), "room for the answer")
		seen := map[string]bool{}
		for _, w := range d {
			require.False(t, seen[w], "distinct: %v", d)
			seen[w] = true
			counts[w]++
		}
		require.False(t, seen["1916"])
		require.False(t, seen["mecca"], "the first of each form")
	}
	require.Len(t, counts, 4)
	for w, n := range counts { // each of 4 candidates is in 3/4 of the draws
		require.InDelta(t, draws*3/4, n, draws/10, w)
	}
	require.Equal(t, []string{"A", "...", "..."}, newDistractorPool([]string{"A", "B"}).pick(1))
	require.Equal(t, []string{"...", "...", "..."}, newDistractorPool(nil).pick(-1))
	// An answer not in the pool skips nothing.
	all := newDistractorPool([]string{"a", "b", "c"})
	require.Equal(t, -1, all.find("z"))
	require.ElementsMatch(t, []string{"a", "b", "c"}, all.pick(-1))
}

// The questions built once when the stages are cached are those built per request before:
// the same ids, prompts, answers and pools, the same errGone cases.
func TestCachedStageQuestions(t *testing.T) {
	cfg := func(v any) json.RawMessage { b, err := json.Marshal(v); require.NoError(t, err); return b }
	reveal := catalog.RevealConfig{Sentence: "The revolt began in 1916 in Mecca.", Highlights: []catalog.Highlight{
		{Word: "1916", Explanation: "year"}, {Word: "mecca", Explanation: "city"}}}
	matching := catalog.MatchingConfig{Pairs: []catalog.Pair{{ID: "p1", Left: "big", Right: "large"}, {ID: "p2", Left: "small", Right: "little"}}}
	quiz := catalog.QuizConfig{Question: "Q?", Options: []string{"x", "y", "z"}, CorrectIndex: 1}
	rows := []store.ReviewStage{
		{Stage: store.Stage{ID: "rv", LessonID: "L", Type: catalog.StageReveal, Config: cfg(reveal)}, LessonPublished: true},
		{Stage: store.Stage{ID: "mt", LessonID: "L", Type: catalog.StageMatching, Config: cfg(matching)}, LessonPublished: true},
		{Stage: store.Stage{ID: "qz", LessonID: "L", Type: catalog.StageQuiz, Config: cfg(quiz)}, LessonPublished: true},
		{Stage: store.Stage{ID: "bad", LessonID: "L", Type: catalog.StageQuiz, Config: json.RawMessage(`{`)}, LessonPublished: true},
		{Stage: store.Stage{ID: "vid", LessonID: "L", Type: catalog.StageVideo, Config: json.RawMessage(`{}`)}, LessonPublished: true},
		{Stage: store.Stage{ID: "draft", LessonID: "D", Type: catalog.StageQuiz, Config: cfg(quiz)}},
	}
	c := newStageCache()
	var b stageBook
	for _, l := range c.store(rows, time.Now()) {
		for _, st := range l.stages {
			b.add(st.ID, l)
		}
	}
	strip := func(qs []question) []question { // the prepared pools aside
		out := make([]question, len(qs))
		for i, q := range qs {
			q.dp, q.skip = nil, 0
			out[i] = q
		}
		return out
	}
	words := []string{"1916", "mecca"}
	qs, err := b.questions(parseRef("rv:1"))
	require.NoError(t, err)
	require.Equal(t, []question{{id: "rv:1", origin: catalog.StageReveal, prompt: blankWord(reveal.Sentence, "mecca"),
		correct: "mecca", pool: words, words: true}}, strip(qs))
	qs, err = b.questions(parseRef("rv"))
	require.NoError(t, err)
	require.Equal(t, []string{"rv:0", "rv:1"}, []string{qs[0].id, qs[1].id})
	require.Equal(t, "The revolt began in ____ in Mecca.", qs[0].prompt)
	_, err = b.questions(parseRef("rv:2"))
	require.ErrorIs(t, err, errGone)

	qs, err = b.questions(parseRef("mt:0"))
	require.NoError(t, err)
	require.Equal(t, []question{{id: "mt:0", origin: catalog.StageMatching, prompt: "ما هو المرادف لـ: large؟",
		item: "large", correct: "big", pool: []string{"big", "small"}}}, strip(qs))
	card := qs[0].card()
	require.ElementsMatch(t, []string{"big", "small", "...", "..."}, card.Options)
	// The card carries the pair's item next to the original's Arabic question.
	require.Equal(t, "ما هو المرادف لـ: large؟", card.Question)
	require.Equal(t, "large", card.MatchItem)

	qs, err = b.questions(parseRef("qz"))
	require.NoError(t, err)
	require.Equal(t, []question{{id: "qz", origin: catalog.StageQuiz, prompt: "Q?", correct: "y", options: quiz.Options}}, strip(qs))
	card = qs[0].card()
	require.ElementsMatch(t, quiz.Options, card.Options)
	require.Empty(t, card.MatchItem, "only a matching card has an item")
	require.Equal(t, []string{"x", "y", "z"}, qs[0].options, "the cached options are not shuffled in place")
	_, err = b.questions(parseRef("qz:0"))
	require.ErrorIs(t, err, errGone)

	_, err = b.questions(parseRef("bad"))
	require.Error(t, err)
	require.NotErrorIs(t, err, errGone, "an unreadable config retires nothing")
	for _, id := range []string{"vid", "draft", "nothing", "nothing:1"} {
		_, err = b.questions(parseRef(id))
		require.ErrorIs(t, err, errGone, id)
	}
	// A reveal card draws from the lesson's words, never the answer.
	qs, _ = b.questions(parseRef("rv:0"))
	for range 50 {
		require.ElementsMatch(t, []string{"1916", "mecca", "...", "..."}, qs[0].card().Options)
	}
	// The cards of a session share one backing array for their options; none writes into
	// another's, whether the array has room or grows.
	quizQs, _ := b.questions(parseRef("qz"))
	for _, buf := range [][]string{make([]string, 0, 64), nil} {
		var cards []Card
		for range 6 {
			var c Card
			c, buf = qs[0].appendCard(buf)
			cards = append(cards, c)
			c, buf = quizQs[0].appendCard(buf)
			cards = append(cards, c)
		}
		for i, c := range cards {
			if i%2 == 0 {
				require.ElementsMatch(t, []string{"1916", "mecca", "...", "..."}, c.Options)
			} else {
				require.ElementsMatch(t, quiz.Options, c.Options)
			}
			require.Len(t, c.Options, cap(c.Options), "capped where it ends")
		}
	}
}

// card is appendCard for one card on its own.
func (q question) card() Card {
	c, _ := q.appendCard(nil)
	return c
}

// pick is appendPick into a new slice.
func (p *distractorPool) pick(skip int) []string {
	return p.appendPick(nil, skip)
}
