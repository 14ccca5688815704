package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// Stage texts keep "=", "&", "%", "+", quotes and Arabic through the stage editor: saved,
// shown again in the form, and played in the preview exactly as typed.
func TestStageTextsKeepEqualsSignsAndOtherSpecialCharacters(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn(deskSystem)
	const lesson = "math-quad-1"
	cases := []struct {
		typ    string
		fields url.Values
		shown  []string // what the saved stage's form shows again
	}{
		{"reveal", url.Values{"title": {`E=mc² & "energy" 100%`}, "sentence": {`E=mc² links mass & energy: 100% + "c" = سرعة الضوء`},
			"highlights": {"E=mc² = mass–energy equivalence (a = b)\nالضوء = 'c' & 100%"}},
			[]string{`E=mc² & "energy" 100%`, `E=mc² links mass & energy: 100% + "c" = سرعة الضوء`,
				"E=mc² = mass–energy equivalence (a = b)\nالضوء = 'c' &amp; 100%"}},
		{"matching", url.Values{"title": {"x = ?"}, "instruction": {`Match "a = b" & more`},
			"pairs": {"2+2=4 = true\n1+1=3 = false\nس = ص%"}},
			[]string{"x = ?", `Match "a = b" & more`, "2+2=4 = true\n1+1=3 = false\nس = ص%"}},
		{"quiz", url.Values{"title": {"a=b?"}, "question": {"If x=2, x+x = ?"}, "options": {"x=4\n= 3\n50% & \"five\""},
			"correct": {"1"}, "explanation": {"x+x=2x=4 ٪"}},
			[]string{"a=b?", "If x=2, x+x = ?", "x=4\n= 3\n50% & \"five\"", "x+x=2x=4 ٪"}},
		{"reading", url.Values{"title": {"?a=1&b=2"}, "body": {"a=1&b=2%20 \"q\" = 'ق'"}},
			[]string{"?a=1&b=2", "a=1&b=2%20 \"q\" = 'ق'"}},
	}
	for _, tc := range cases {
		form := url.Values{"type": {tc.typ}}
		for k, v := range tc.fields {
			form[k] = v
		}
		p := c.post("/app/content/lessons/"+lesson+"/preview", form)
		require.Equal(t, http.StatusOK, p.status, "%s preview: %s", tc.typ, p.body)
		p = c.post("/app/content/lessons/"+lesson+"/stages", form)
		require.Equal(t, http.StatusSeeOther, p.status, "%s: %s", tc.typ, p.body)
		p = c.get("/app/content/lessons/" + lesson)
		require.Equal(t, http.StatusOK, p.status)
		text := html.UnescapeString(p.body)
		for _, want := range tc.shown {
			require.Contains(t, text, html.UnescapeString(want), "%s keeps %q", tc.typ, want)
		}
	}
	_ = strings.TrimSpace
}
