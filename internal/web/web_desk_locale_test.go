package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A join code's uses and days are taken in either digit set (a number field posted
// Arabic-Indic digits as an empty value: a code of unlimited uses that never expires, without
// a word); anything else is refused with a 400 and no code is made.
func TestAJoinCodesLimitsTakeBothDigitSets(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := deskClient(t, srv, deskAdmin, "ar")
	p := c.get("/app/people")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, `<input id="max_uses" name="max_uses" inputmode="numeric"`)
	require.Contains(t, p.body, `<input id="days" name="days" inputmode="numeric"`)

	for code, typed := range map[string][2]string{"ARABIC30": {"٣٠", "٧"}, "EASTERN12": {"۱۲", "۱۴"}, "LATIN5": {"5", "2"}} {
		p = c.post("/app/people/codes", url.Values{"code": {code}, "max_uses": {typed[0]}, "days": {typed[1]}})
		require.Equal(t, http.StatusSeeOther, p.status, "%s: %s", code, p.body)
		jc, err := srv.App.Store.JoinCodeGet(context.Background(), code)
		require.NoError(t, err, code)
		require.NotNil(t, jc.MaxUses, code)
		require.NotNil(t, jc.ExpiresAt, code)
		want := map[string][2]int64{"ARABIC30": {30, 7}, "EASTERN12": {12, 14}, "LATIN5": {5, 2}}[code]
		require.Equal(t, want[0], *jc.MaxUses, code)
		require.InDelta(t, float64(want[1]*24), jc.ExpiresAt.Sub(jc.CreatedAt).Hours(), 1, code)
	}
	for i, typed := range [][2]string{{"٣x", ""}, {"0", ""}, {"", "٠"}, {"", "3651"}, {"", "1.5"}} {
		code := "BAD" + string(rune('A'+i))
		p = c.post("/app/people/codes", url.Values{"code": {code}, "max_uses": {typed[0]}, "days": {typed[1]}})
		require.Equal(t, http.StatusBadRequest, p.status, "%q", typed)
		require.Contains(t, p.body, `aria-invalid="true"`, "%q", typed)
		_, err := srv.App.Store.JoinCodeGet(context.Background(), code)
		require.Error(t, err, "%q made a code", typed)
	}
}

// The stage editor's quiz answer number and video duration are taken in either digit set (the
// number fields posted Arabic-Indic digits as empty: a quiz was refused, a video lost its
// duration); a value that is not a whole number is refused.
func TestTheStageEditorsNumbersTakeBothDigitSets(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := deskClient(t, srv, deskSystem, "ar")
	const lesson = "math-quad-1"
	p := c.get("/app/content/lessons/" + lesson)
	require.Equal(t, http.StatusOK, p.status)
	require.NotContains(t, p.body, `type="number"`)

	p = c.post("/app/content/lessons/"+lesson+"/stages", url.Values{"type": {"quiz"}, "title": {"digits quiz"},
		"question": {"٢ + ٢ = ?"}, "options": {"3\n4\n5"}, "correct": {"٢"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	p = c.post("/app/content/lessons/"+lesson+"/stages", url.Values{"type": {"video"}, "title": {"digits video"},
		"url": {"https://example.org/v.mp4"}, "duration": {"١٢٠"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	p = c.get("/app/content/lessons/" + lesson)
	require.Contains(t, p.body, `name="correct" inputmode="numeric" autocomplete="off" value="2"`)
	require.Contains(t, p.body, `name="duration" inputmode="numeric" autocomplete="off" value="120"`)

	p = c.post("/app/content/lessons/"+lesson+"/stages", url.Values{"type": {"quiz"}, "title": {"bad"},
		"question": {"?"}, "options": {"a\nb"}, "correct": {"١.٥"}})
	require.Equal(t, http.StatusBadRequest, p.status)
}

// A season's dates are written in the page's language, from right to left in Arabic, on the
// SRS and seasons pages (they were ISO dates in Latin digits, "2026-09-01 → 2027-06-30").
func TestSeasonDatesFollowThePagesLanguage(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string]string{"ar": "١ سبتمبر ٢٠٢٦ ← ٣٠ يونيو ٢٠٢٧", "en": "1 September 2026 → 30 June 2027"}
	for _, lang := range []string{"ar", "en"} {
		c := deskClient(t, srv, deskSystem, lang)
		for _, page := range []string{"/app/srs", "/app/seasons"} {
			p := c.get(page)
			require.Equal(t, http.StatusOK, p.status, page)
			require.Contains(t, p.body, want[lang], "%s %s", lang, page)
			require.NotContains(t, p.body, "2026-09-01", "%s %s", lang, page)
		}
	}
}
