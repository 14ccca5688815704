package web

import (
	"html/template"
	"strings"

	"memora/internal/i18n"
	"memora/internal/shop"
)

// payNote is the institution's payment instructions as the store shows them: in the page's
// language when it gave them, else in the other one, with that language's direction; one
// entry a line (line breaks are kept).
type payNote struct {
	Lang, Dir string
	Lines     []template.HTML
}

// storePayNote is nil when the institution gave no payment instructions.
func storePayNote(l Localizer, p shop.Payment) *payNote {
	text, lang := p.Note, i18n.Arabic
	if l.Lang == i18n.English && p.NoteEN != "" || text == "" {
		text, lang = p.NoteEN, i18n.English
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	n := &payNote{Lang: string(lang), Dir: lang.Dir()}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		n.Lines = append(n.Lines, noteLine(line))
	}
	return n
}

// noteLine escapes a line of the notes and isolates it (dir="auto": its own first strong
// letter decides, so an English line inside Arabic notes reads left to right), with each run
// of Latin letters and digits that holds a digit (an IBAN, an account or phone number, a
// reference such as "TX-2026") in a left-to-right <bdi>: in Arabic text the groups of
// "0000 1111 2222" would otherwise be laid out right to left.
func noteLine(line string) template.HTML {
	var b strings.Builder
	b.WriteString(`<span dir="auto">`)
	rs := []rune(line)
	start := 0 // where the text not yet written begins
	for i := 0; i < len(rs); {
		j := ltrRun(rs, i)
		if j == i {
			i++
			continue
		}
		if hasDigit(rs[i:j]) {
			b.WriteString(template.HTMLEscapeString(string(rs[start:i])))
			b.WriteString(`<bdi dir="ltr">`)
			b.WriteString(template.HTMLEscapeString(string(rs[i:j])))
			b.WriteString(`</bdi>`)
			start = j
		}
		i = j
	}
	b.WriteString(template.HTMLEscapeString(string(rs[start:])))
	b.WriteString(`</span>`)
	return template.HTML(b.String()) // every piece of text is escaped above
}

// ltrRun is the end of the run of ASCII letters and digits starting at i, groups joined by
// one space, '-', '.' or '/', and a leading '+' (a phone number) allowed; i when none starts
// there.
func ltrRun(rs []rune, i int) int {
	j := i
	if j < len(rs) && rs[j] == '+' && j+1 < len(rs) && asciiAlnum(rs[j+1]) {
		j++
	}
	if j >= len(rs) || !asciiAlnum(rs[j]) {
		return i
	}
	for j < len(rs) {
		switch {
		case asciiAlnum(rs[j]):
			j++
		case strings.ContainsRune(" -./", rs[j]) && j+1 < len(rs) && asciiAlnum(rs[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

func asciiAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func hasDigit(rs []rune) bool {
	for _, r := range rs {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
