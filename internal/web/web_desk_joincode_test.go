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
