package review

import (
	"errors"
	"fmt"
	"strings"

	"memora/internal/catalog"
	"memora/internal/store"
)

// errGone marks a question whose stage, highlight or pair no longer exists (or whose lesson
// is unpublished): its memory item is retired. Only a successful read can say so, never a
// failed one (weak point 17).
var errGone = errors.New("question is gone")

// ref is a question id split into its stage and, for one highlight or pair, its index
// ("<stage>:<index>"); index is -1 for a whole stage.
type ref struct {
	id    string
	stage string
	index int
}

func parseRef(id string) ref {
	stage, index := catalog.SplitQuestionID(id)
	return ref{id: id, stage: stage, index: index}
}

// question is one reviewable item: a reveal highlight, a matching pair or a quiz.
type question struct {
	id      string
	origin  string // the stage type
	prompt  string
	item    string // a matching pair's item (its right side), which prompt asks about
	correct string
	pool    []string // distractor candidates (reveal: the lesson's highlight words; matching: other lefts)
	options []string // a quiz's own options
	// words: the answer is a word, compared as NormalizeWord compares them (distractors are
	// told apart the same way); other answers must be the option as written.
	words bool
	// dp is pool told apart once (nil: not prepared; card reads pool), skip the place in it
	// of the correct answer's word (-1: none).
	dp   *distractorPool
	skip int
}

// stageBook holds the lessons of the stages a session touches, with their configs parsed
// (built by Service.book from the stage cache and one query for what it lacks). The lessons
// are the cache's, shared between requests: never modified.
type stageBook struct {
	// ids and lessons: each stage id and its lesson (a session touches a few dozen stages at
	// most: searched in order, no map per request).
	ids     []string
	lessons []*lessonStages
}

// lesson is the lesson of stage id, nil when the book has none.
func (b stageBook) lesson(id string) *lessonStages {
	for i, s := range b.ids {
		if s == id {
			return b.lessons[i]
		}
	}
	return nil
}

func (b *stageBook) add(id string, l *lessonStages) {
	b.ids = append(b.ids, id)
	b.lessons = append(b.lessons, l)
}

type parsedConfig struct {
	cfg any
	err error
	// qs are every question of the stage, built once when the stage is cached (a reveal's
	// blanked sentences, a matching stage's prompts, the distractor pools told apart):
	// shared between requests, never modified.
	qs []question
}

// stage returns the stage of id and its lesson; ok is false when the stage is gone.
func (b stageBook) stage(id string) (st store.ReviewStage, l *lessonStages, ok bool) {
	l = b.lesson(id)
	if l == nil {
		return store.ReviewStage{}, nil, false
	}
	i, found := l.index[id]
	if !found {
		return store.ReviewStage{}, nil, false
	}
	return l.stages[i], l, true
}

// parsedStage is st's parsed config with its questions: the cached one, or built now.
func (l *lessonStages) parsedStage(st store.ReviewStage) parsedConfig {
	if p, ok := l.parsed[st.ID]; ok {
		return p
	}
	var p parsedConfig
	p.cfg, p.err = catalog.ParseStageConfig(st.Type, st.Config)
	if p.err == nil {
		p.qs = stageQuestions(st, p.cfg, newDistractorPool(l.words))
	}
	return p
}

// questions returns the questions r addresses: one, or every highlight or pair of a stage
// addressed without an index. errGone means the item is no longer reviewable. The
// questions are the cache's: callers read them, never modify them.
func (b stageBook) questions(r ref) ([]question, error) {
	st, l, ok := b.stage(r.stage)
	if !ok || !st.LessonPublished || !catalog.IsScored(st.Type) {
		return nil, errGone
	}
	p := l.parsedStage(st)
	if p.err != nil {
		return nil, fmt.Errorf("stage %s: %w", st.ID, p.err)
	}
	switch p.cfg.(type) {
	case catalog.RevealConfig, catalog.MatchingConfig:
		switch {
		case r.index >= len(p.qs):
			return nil, errGone
		case r.index < 0:
			return p.qs, nil
		}
		return p.qs[r.index : r.index+1 : r.index+1], nil
	case catalog.QuizConfig:
		if r.index >= 0 {
			return nil, errGone // a quiz is one question: "<stage>:<n>" addresses nothing
		}
		return p.qs, nil // the stage's id is r.id
	}
	return nil, errGone
}

// stageQuestions builds every question of a stage whose config parsed as cfg: a reveal
// stage's highlights (their distractors drawn from words, the lesson's highlight words), a
// matching stage's pairs, a quiz. Other configs have none.
func stageQuestions(st store.ReviewStage, cfg any, words *distractorPool) []question {
	r := ref{id: st.ID, stage: st.ID, index: -1}
	switch c := cfg.(type) {
	case catalog.RevealConfig:
		qs, _ := atoms(r, len(c.Highlights), func(i int) question {
			h := c.Highlights[i]
			return question{origin: catalog.StageReveal, prompt: blankWord(c.Sentence, h.Word), correct: h.Word,
				pool: words.words, words: true, dp: words, skip: words.find(h.Word)}
		})
		return qs
	case catalog.MatchingConfig:
		lefts := make([]string, len(c.Pairs))
		for i, p := range c.Pairs {
			lefts[i] = p.Left
		}
		dp := newDistractorPool(lefts)
		qs, _ := atoms(r, len(c.Pairs), func(i int) question {
			return question{origin: catalog.StageMatching, prompt: "ما هو المرادف لـ: " + c.Pairs[i].Right + "؟",
				item: c.Pairs[i].Right, correct: c.Pairs[i].Left, pool: lefts, dp: dp, skip: dp.find(c.Pairs[i].Left)}
		})
		return qs
	case catalog.QuizConfig:
		return []question{{id: st.ID, origin: catalog.StageQuiz, prompt: c.Question,
			correct: c.Options[c.CorrectIndex], options: c.Options}}
	}
	return nil
}

// atoms makes the questions of a stage of n highlights or pairs: the addressed one, or all.
func atoms(r ref, n int, build func(i int) question) ([]question, error) {
	if r.index >= n {
		return nil, errGone
	}
	first, last := r.index, r.index
	if r.index < 0 {
		first, last = 0, n-1
	}
	out := make([]question, 0, last-first+1)
	for i := first; i <= last; i++ {
		q := build(i)
		q.id = catalog.AtomID(r.stage, i)
		out = append(out, q)
	}
	return out, nil
}

// blankWord replaces the highlighted word in the sentence with "____": verbatim where it
// occurs as written, otherwise every sentence word that NormalizeWord matches.
func blankWord(sentence, word string) string {
	const blank = "____"
	if strings.Contains(sentence, word) {
		return strings.ReplaceAll(sentence, word, blank)
	}
	target := catalog.NormalizeWord(word)
	words := strings.Fields(sentence)
	for i, w := range words {
		if catalog.NormalizeWord(w) == target {
			words[i] = blank
		}
	}
	return strings.Join(words, " ")
}
