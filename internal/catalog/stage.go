package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Stage types, as stored in stages.type.
const (
	StageReveal   = "reveal"
	StageMatching = "matching"
	StageQuiz     = "quiz"
	StageVideo    = "video"
	StageReading  = "reading"
)

// Quiz option bounds.
const (
	MinQuizOptions = 2
	MaxQuizOptions = 6
)

// MinMatchingPairs is the smallest matching stage worth playing.
const MinMatchingPairs = 2

// ErrUnknownStageType is returned for a stage type outside the five above.
var ErrUnknownStageType = errors.New("unknown stage type")

// StageTypes lists every stage type in a stable order.
func StageTypes() []string {
	return []string{StageReveal, StageMatching, StageQuiz, StageVideo, StageReading}
}

// IsStageType reports whether t is one of the stage types.
func IsStageType(t string) bool {
	switch t {
	case StageReveal, StageMatching, StageQuiz, StageVideo, StageReading:
		return true
	}
	return false
}

// IsScored reports whether answering a stage of this type is graded (and earns XP and SRS items).
// Video and reading stages are watched or read, not answered.
func IsScored(stageType string) bool {
	switch stageType {
	case StageReveal, StageMatching, StageQuiz:
		return true
	}
	return false
}

// Highlight is one tappable word of a reveal sentence.
type Highlight struct {
	Word        string `json:"word"`
	Explanation string `json:"explanation"`
}

// RevealConfig: a sentence whose highlighted words the student taps to reveal their explanation.
type RevealConfig struct {
	Image      string      `json:"image"`
	Sentence   string      `json:"sentence"`
	Highlights []Highlight `json:"highlights"`
}

// Pair is one row of a matching stage; ID identifies the pair in answers and SRS question ids.
type Pair struct {
	ID    string `json:"id"`
	Left  string `json:"left"`
	Right string `json:"right"`
}

// MatchingConfig: the student matches every left side with its right side.
type MatchingConfig struct {
	Instruction string `json:"instruction"`
	Pairs       []Pair `json:"pairs"`
}

// QuizConfig: one question with 2–6 options, one of them correct.
type QuizConfig struct {
	Question     string   `json:"question"`
	Options      []string `json:"options"`
	CorrectIndex int      `json:"correct_index"`
	Explanation  string   `json:"explanation"`
}

// VideoConfig: a video to watch (not scored).
type VideoConfig struct {
	URL             string `json:"url"`
	Caption         string `json:"caption"`
	DurationSeconds int    `json:"duration_seconds"`
}

// ReadingConfig: a text to read (not scored).
type ReadingConfig struct {
	Body string `json:"body"`
}

// ParseStageConfig decodes raw strictly (no unknown fields, no trailing data) into the config type of
// stageType and validates it. The result is a RevealConfig, MatchingConfig, QuizConfig, VideoConfig or
// ReadingConfig value. Errors read "<type> config: <problem>".
func ParseStageConfig(stageType string, raw json.RawMessage) (any, error) {
	switch stageType {
	case StageReveal:
		return parseAs[RevealConfig](stageType, raw)
	case StageMatching:
		return parseAs[MatchingConfig](stageType, raw)
	case StageQuiz:
		return parseAs[QuizConfig](stageType, raw)
	case StageVideo:
		return parseAs[VideoConfig](stageType, raw)
	case StageReading:
		return parseAs[ReadingConfig](stageType, raw)
	}
	return nil, fmt.Errorf("%w %q (want one of %s)", ErrUnknownStageType, stageType,
		strings.Join(StageTypes(), ", "))
}

// ValidateStageConfig checks raw as the config of a stage of type stageType, as content is saved.
func ValidateStageConfig(stageType string, raw json.RawMessage) error {
	_, err := ParseStageConfig(stageType, raw)
	return err
}

type validator interface{ Validate() error }

// parseAs decodes and validates one config type; the pointer constraint lets Validate have a value receiver.
func parseAs[T any, PT interface {
	*T
	validator
}](stageType string, raw json.RawMessage) (T, error) {
	var cfg T
	if err := decodeStrict(raw, PT(&cfg)); err != nil {
		return cfg, fmt.Errorf("%s config: %w", stageType, err)
	}
	if err := PT(&cfg).Validate(); err != nil {
		return cfg, fmt.Errorf("%s config: %w", stageType, err)
	}
	return cfg, nil
}

func decodeStrict(raw json.RawMessage, dst any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return errors.New("config is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("decode: unexpected data after the config object")
	}
	return nil
}

// Validate checks a reveal config: a sentence, at least one highlight, and every highlight word a word
// of the sentence (compared with NormalizeWord), explained, and not repeated.
func (c RevealConfig) Validate() error {
	if blank(c.Sentence) {
		return errors.New("sentence is empty")
	}
	if len(c.Highlights) == 0 {
		return errors.New("at least one highlight is required")
	}
	words := sentenceWordSet(c.Sentence)
	seen := make(map[string]int, len(c.Highlights))
	for i, h := range c.Highlights {
		w := NormalizeWord(h.Word)
		switch {
		case w == "":
			return fmt.Errorf("highlights[%d]: word is empty", i)
		case !words[w]:
			return fmt.Errorf("highlights[%d]: word %q does not occur in the sentence", i, h.Word)
		case blank(h.Explanation):
			return fmt.Errorf("highlights[%d] %q: explanation is empty", i, h.Word)
		}
		if j, dup := seen[w]; dup {
			return fmt.Errorf("highlights[%d]: word %q repeats highlights[%d]", i, h.Word, j)
		}
		seen[w] = i
	}
	return nil
}

// Validate checks a matching config: at least two pairs, ids non-empty and unique, both sides non-empty,
// and each side unique within its column (a repeated side could not be told apart on screen).
func (c MatchingConfig) Validate() error {
	if len(c.Pairs) < MinMatchingPairs {
		return fmt.Errorf("at least %d pairs are required (got %d)", MinMatchingPairs, len(c.Pairs))
	}
	ids := make(map[string]int, len(c.Pairs))
	lefts := make(map[string]int, len(c.Pairs))
	rights := make(map[string]int, len(c.Pairs))
	for i, p := range c.Pairs {
		if err := p.validate(); err != nil {
			return fmt.Errorf("pairs[%d]: %w", i, err)
		}
		if err := firstUse(ids, p.ID, i, "id"); err != nil {
			return err
		}
		if err := firstUse(lefts, strings.TrimSpace(p.Left), i, "left"); err != nil {
			return err
		}
		if err := firstUse(rights, strings.TrimSpace(p.Right), i, "right"); err != nil {
			return err
		}
	}
	return nil
}

func (p Pair) validate() error {
	switch {
	case blank(p.ID):
		return errors.New("id is empty")
	case blank(p.Left):
		return fmt.Errorf("pair %q: left is empty", p.ID)
	case blank(p.Right):
		return fmt.Errorf("pair %q: right is empty", p.ID)
	}
	return nil
}

func firstUse(seen map[string]int, key string, i int, field string) error {
	if j, dup := seen[key]; dup {
		return fmt.Errorf("pairs[%d]: %s %q repeats pairs[%d]", i, field, key, j)
	}
	seen[key] = i
	return nil
}

// Validate checks a quiz config: a question, 2–6 non-empty distinct options and a correct index in range.
func (c QuizConfig) Validate() error {
	if blank(c.Question) {
		return errors.New("question is empty")
	}
	n := len(c.Options)
	if n < MinQuizOptions || n > MaxQuizOptions {
		return fmt.Errorf("%d options given, want %d to %d", n, MinQuizOptions, MaxQuizOptions)
	}
	seen := make(map[string]int, n)
	for i, o := range c.Options {
		key := strings.TrimSpace(o)
		if key == "" {
			return fmt.Errorf("options[%d] is empty", i)
		}
		if j, dup := seen[key]; dup {
			return fmt.Errorf("options[%d] %q repeats options[%d]", i, o, j)
		}
		seen[key] = i
	}
	if c.CorrectIndex < 0 || c.CorrectIndex >= n {
		return fmt.Errorf("correct_index %d is out of range (%d options)", c.CorrectIndex, n)
	}
	return nil
}

// Validate checks a video config: an absolute http(s) URL and a non-negative duration.
func (c VideoConfig) Validate() error {
	if blank(c.URL) {
		return errors.New("url is empty")
	}
	u, err := url.Parse(c.URL)
	if err != nil {
		return fmt.Errorf("url %q: %w", c.URL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q is not an absolute http(s) URL", c.URL)
	}
	if c.DurationSeconds < 0 {
		return fmt.Errorf("duration_seconds %d is negative", c.DurationSeconds)
	}
	return nil
}

// Validate checks a reading config: a non-empty body.
func (c ReadingConfig) Validate() error {
	if blank(c.Body) {
		return errors.New("body is empty")
	}
	return nil
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
