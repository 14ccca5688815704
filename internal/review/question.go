package review

import (
	"errors"
	"fmt"
	"strconv"
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
	if i := strings.LastIndexByte(id, ':'); i > 0 {
		if n, err := strconv.Atoi(id[i+1:]); err == nil && n >= 0 && strconv.Itoa(n) == id[i+1:] {
			return ref{id: id, stage: id[:i], index: n}
		}
	}
	return ref{id: id, stage: id, index: -1}
}

// question is one reviewable item: a reveal highlight, a matching pair or a quiz.
type question struct {
	id      string
	origin  string // the stage type
	prompt  string
	correct string
	pool    []string // distractor candidates (reveal: the lesson's highlight words; matching: other lefts)
	options []string // a quiz's own options
	// words: the answer is a word, compared as NormalizeWord compares them (distractors are
	// told apart the same way); other answers must be the option as written.
	words bool
}

// stageBook holds the lessons of the stages a session touches, with their configs parsed
// (built by Service.book from the stage cache and one query for what it lacks). The lessons
// are the cache's, shared between requests: never modified.
type stageBook struct {
	lessons map[string]*lessonStages // stage id → its lesson
}

type parsedConfig struct {
	cfg any
	err error
}

// stage returns the stage of id and its lesson; ok is false when the stage is gone.
func (b stageBook) stage(id string) (st store.ReviewStage, l *lessonStages, ok bool) {
	l = b.lessons[id]
	if l == nil {
		return store.ReviewStage{}, nil, false
	}
	i, found := l.index[id]
	if !found {
		return store.ReviewStage{}, nil, false
	}
	return l.stages[i], l, true
}

func (l *lessonStages) config(st store.ReviewStage) (any, error) {
	if p, ok := l.parsed[st.ID]; ok {
		return p.cfg, p.err
	}
	return catalog.ParseStageConfig(st.Type, st.Config)
}

// questions returns the questions r addresses: one, or every highlight or pair of a stage
// addressed without an index. errGone means the item is no longer reviewable.
func (b stageBook) questions(r ref) ([]question, error) {
	st, l, ok := b.stage(r.stage)
	if !ok || !st.LessonPublished || !catalog.IsScored(st.Type) {
		return nil, errGone
	}
	cfg, err := l.config(st)
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", st.ID, err)
	}
	switch c := cfg.(type) {
	case catalog.RevealConfig:
		return atoms(r, len(c.Highlights), func(i int) question {
			h := c.Highlights[i]
			return question{origin: catalog.StageReveal, prompt: blankWord(c.Sentence, h.Word), correct: h.Word,
				pool: l.words, words: true}
		})
	case catalog.MatchingConfig:
		lefts := make([]string, len(c.Pairs))
		for i, p := range c.Pairs {
			lefts[i] = p.Left
		}
		return atoms(r, len(c.Pairs), func(i int) question {
			return question{origin: catalog.StageMatching, prompt: "ما هو المرادف لـ: " + c.Pairs[i].Right + "؟",
				correct: c.Pairs[i].Left, pool: lefts}
		})
	case catalog.QuizConfig:
		if r.index >= 0 {
			return nil, errGone // a quiz is one question: "<stage>:<n>" addresses nothing
		}
		return []question{{id: r.id, origin: catalog.StageQuiz, prompt: c.Question,
			correct: c.Options[c.CorrectIndex], options: c.Options}}, nil
	}
	return nil, errGone
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
		q.id = r.stage + ":" + strconv.Itoa(i)
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
