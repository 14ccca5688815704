package web_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/webtest"
)

// The Arabic pages separate a status from a count with the Arabic comma: a middle dot "·"
// beside Arabic-Indic digits reads as the zero "٠" ("متاح · ٢/٣" looked like 2/30).
func TestArabicPagesSeparateCountsWithACommaNotADotThatReadsAsZero(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	title := regexp.MustCompile(`(?s)<title>.*?</title>`)

	want := map[string]*regexp.Regexp{
		"/":                                  regexp.MustCompile(`[٠-٩]+ من [٠-٩]+ درساً، [٠-٩]+ للمراجعة`),
		"/subjects/math":                     regexp.MustCompile(`متاح، [٠-٩]+/[٠-٩]+`),
		"/topics/math-t-linear?subject=math": regexp.MustCompile(`مكتمل، \+[٠-٩]+ نقطة`),
	}
	for path, re := range want {
		p := c.get(path)
		require.Equal(t, 200, p.status, path)
		body := title.ReplaceAllString(stripDataBlocks(p.body), "")
		require.Regexp(t, re, body, path)
		require.NotContains(t, body, "·", path)
	}

	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	require.Regexp(t, `[0-9]+ of [0-9]+ lessons · [0-9]+ due`, c.get("/").body, "English keeps its middle dot")
}

// The matching stage says what to do with the two columns on screen, in both languages (it used
// to say "Pick an item, then its partner").
func TestTheMatchingStageSaysToMatchAcrossTheTwoColumns(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	hint := func() string {
		p := c.get("/lessons/math-geo-1")
		require.Equal(t, 200, p.status)
		m := regexp.MustCompile(`(?s)<script type="application/json" id="strings">(.*?)</script>`).FindStringSubmatch(p.body)
		require.NotNil(t, m, "the page carries the player's strings")
		var strs map[string]string
		require.NoError(t, json.Unmarshal([]byte(m[1]), &strs))
		return strs["lesson.match_hint"]
	}
	require.Equal(t, "اضغط عنصرًا في أحد العمودين، ثم ما يطابقه في العمود الآخر.", hint())
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	require.Equal(t, "Tap an item in one column, then its match in the other.", hint())
}

// The profile's memory strength and the review's result name the strongest cards with one word
// in each language: the profile said "Mature" ("راسخة") where the review said "mastered"
// ("متقنة") of the same cards.
func TestTheProfileAndTheReviewNameMasteredCardsAlike(t *testing.T) {
	t.Parallel()
	msgs := i18n.MustLoad()
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		word := strings.ToLower(msgs.T(lang, "profile.mastery_mature"))
		require.Contains(t, msgs.T(lang, "review.mastery_mature", "count", 3), word, lang)
		require.Contains(t, msgs.T(lang, "profile.mastery_desc", "new", 1, "learning", 2, "mature", 3), word, lang)
	}
}
