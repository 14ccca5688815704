package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// The five stage types as the desk's stage editor shows them: each type's config as form
// fields, and back. Lists are one entry per line ("word = explanation", "left = right", one
// option per line); the importer's rules validate the result when the lesson is saved. A pair
// is cut at its first " = " (an "=" with a space on each side), so either side may hold an
// "=" of its own ("E=mc² = energy"); a line without one is cut at its first "=".

var stageTypes = []string{"reveal", "matching", "quiz", "video", "reading"}

// stageForm is one stage as its editor form holds it.
type stageForm struct {
	ID, Type, Title string
	// reveal
	Sentence, Highlights, Image string
	// matching
	Instruction, Pairs string
	// quiz
	Question, Options, Correct, Explanation string
	// video
	URL, Caption, Duration string
	// reading
	Body  string
	Error string // the validation message of the last save, shown in the form
}

type revealConfig struct {
	Image      string            `json:"image,omitempty"`
	Sentence   string            `json:"sentence"`
	Highlights []revealHighlight `json:"highlights"`
}
type revealHighlight struct {
	Word        string `json:"word"`
	Explanation string `json:"explanation"`
}
type matchingConfig struct {
	Instruction string         `json:"instruction,omitempty"`
	Pairs       []matchingPair `json:"pairs"`
}
type matchingPair struct {
	ID    string `json:"id"`
	Left  string `json:"left"`
	Right string `json:"right"`
}
type quizConfig struct {
	Question     string   `json:"question"`
	Options      []string `json:"options"`
	CorrectIndex int      `json:"correct_index"`
	Explanation  string   `json:"explanation,omitempty"`
}
type videoConfig struct {
	URL      string `json:"url"`
	Caption  string `json:"caption,omitempty"`
	Duration int    `json:"duration_seconds,omitempty"`
}
type readingConfig struct {
	Body string `json:"body"`
}

// stageFormOf fills a form from a stored stage.
func stageFormOf(id, typ, title string, config json.RawMessage) stageForm {
	f := stageForm{ID: id, Type: typ, Title: title}
	switch typ {
	case "reveal":
		var c revealConfig
		_ = json.Unmarshal(config, &c)
		f.Sentence, f.Image = c.Sentence, c.Image
		lines := make([]string, len(c.Highlights))
		for i, h := range c.Highlights {
			lines[i] = h.Word + " = " + h.Explanation
		}
		f.Highlights = strings.Join(lines, "\n")
	case "matching":
		var c matchingConfig
		_ = json.Unmarshal(config, &c)
		f.Instruction = c.Instruction
		lines := make([]string, len(c.Pairs))
		for i, p := range c.Pairs {
			lines[i] = p.Left + " = " + p.Right
		}
		f.Pairs = strings.Join(lines, "\n")
	case "quiz":
		var c quizConfig
		_ = json.Unmarshal(config, &c)
		f.Question, f.Options, f.Explanation = c.Question, strings.Join(c.Options, "\n"), c.Explanation
		f.Correct = strconv.Itoa(c.CorrectIndex + 1)
	case "video":
		var c videoConfig
		_ = json.Unmarshal(config, &c)
		f.URL, f.Caption = c.URL, c.Caption
		if c.Duration > 0 {
			f.Duration = strconv.Itoa(c.Duration)
		}
	case "reading":
		var c readingConfig
		_ = json.Unmarshal(config, &c)
		f.Body = c.Body
	}
	return f
}

// stageFormFrom reads a stage editor's submitted form.
func stageFormFrom(r *http.Request) stageForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return stageForm{ID: v("stage_id"), Type: v("type"), Title: v("title"), Sentence: v("sentence"),
		Highlights: v("highlights"), Image: v("image"), Instruction: v("instruction"), Pairs: v("pairs"),
		Question: v("question"), Options: v("options"), Correct: v("correct"), Explanation: v("explanation"),
		URL: v("url"), Caption: v("caption"), Duration: v("duration"), Body: v("body")}
}

// config is the stage's config JSON. Form-level problems (a line without "=", a number that is
// not one) are returned as the field and its catalogue key; the rest is the importer's.
func (f stageForm) config() (json.RawMessage, string) {
	var c any
	switch f.Type {
	case "reveal":
		rc := revealConfig{Image: f.Image, Sentence: f.Sentence, Highlights: []revealHighlight{}}
		for _, line := range lines(f.Highlights) {
			w, e, ok := cutPair(line)
			if !ok {
				return nil, "desk.stage.bad_line"
			}
			rc.Highlights = append(rc.Highlights, revealHighlight{Word: strings.TrimSpace(w), Explanation: strings.TrimSpace(e)})
		}
		c = rc
	case "matching":
		mc := matchingConfig{Instruction: f.Instruction, Pairs: []matchingPair{}}
		for i, line := range lines(f.Pairs) {
			l, r, ok := cutPair(line)
			if !ok {
				return nil, "desk.stage.bad_line"
			}
			mc.Pairs = append(mc.Pairs, matchingPair{ID: "p" + strconv.Itoa(i+1), Left: strings.TrimSpace(l), Right: strings.TrimSpace(r)})
		}
		c = mc
	case "quiz":
		n, ok := wholeNumber(f.Correct) // either digit set: the field is text (inputmode numeric)
		if !ok {
			return nil, "desk.stage.bad_correct"
		}
		c = quizConfig{Question: f.Question, Options: lines(f.Options), CorrectIndex: int(n) - 1, Explanation: f.Explanation}
	case "video":
		vc := videoConfig{URL: f.URL, Caption: f.Caption}
		if f.Duration != "" {
			d, ok := wholeNumber(f.Duration)
			if !ok {
				return nil, "desk.stage.bad_duration"
			}
			vc.Duration = int(d)
		}
		c = vc
	case "reading":
		c = readingConfig{Body: f.Body}
	default:
		return nil, "desk.stage.bad_type"
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, "desk.stage.bad_type"
	}
	return b, ""
}

// cutPair splits a "left = right" line at its first " = ", or else at its first "=".
func cutPair(line string) (string, string, bool) {
	if l, r, ok := strings.Cut(line, " = "); ok {
		return l, r, true
	}
	return strings.Cut(line, "=")
}

func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
