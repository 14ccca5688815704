package catalog

import (
	"strings"
	"unicode"
)

// wordTrim is the punctuation stripped from both ends of a word before comparing it with a highlight:
// Latin and Arabic sentence punctuation, quotes and brackets.
const wordTrim = ".,!?;:؟،؛\"'()[]«»“”"

// NormalizeWord is how a sentence word and a highlight word are compared: surrounding punctuation
// trimmed, lower-cased, Arabic diacritics (tashkeel) and tatweel removed. Clients that split a reveal
// sentence into tappable words should compare words the same way.
func NormalizeWord(w string) string {
	w = strings.Trim(strings.TrimSpace(w), wordTrim)
	return strings.Map(func(r rune) rune {
		if isArabicMark(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, w)
}

// isArabicMark reports the harakat, shadda, sukun, superscript alef and tatweel.
func isArabicMark(r rune) bool {
	return (r >= 0x064B && r <= 0x0652) || r == 0x0670 || r == 0x0640
}

// SentenceWords splits a reveal sentence into its words as written (split on white space).
func SentenceWords(sentence string) []string {
	return strings.Fields(sentence)
}

func sentenceWordSet(sentence string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range SentenceWords(sentence) {
		if n := NormalizeWord(w); n != "" {
			set[n] = true
		}
	}
	return set
}

// GradeReveal: correct only if every highlight was revealed. revealed holds highlight indexes; repeats
// are harmless, an index outside the highlights makes the answer wrong. A sentence with no highlight
// has nothing to reveal: it is done, and right, as the lesson player counts it.
func GradeReveal(cfg RevealConfig, revealed []int) bool {
	seen := make([]bool, len(cfg.Highlights))
	for _, i := range revealed {
		if i < 0 || i >= len(seen) {
			return false
		}
		seen[i] = true
	}
	for _, ok := range seen {
		if !ok {
			return false
		}
	}
	return true
}

// GradeMatching: correct only if every pair was matched with itself. matched maps the pair id chosen on
// the left to the pair id chosen on the right; a missing, extra or crossed pair makes it wrong.
func GradeMatching(cfg MatchingConfig, matched map[string]string) bool {
	if len(cfg.Pairs) == 0 || len(matched) != len(cfg.Pairs) {
		return false
	}
	for _, p := range cfg.Pairs {
		if right, ok := matched[p.ID]; !ok || right != p.ID {
			return false
		}
	}
	return true
}

// GradeQuiz: correct only if the chosen option is the correct one.
func GradeQuiz(cfg QuizConfig, chosen int) bool {
	return chosen >= 0 && chosen < len(cfg.Options) && chosen == cfg.CorrectIndex
}
