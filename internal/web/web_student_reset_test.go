package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A refused new password marks the field it is about, as a refused sign-up does (the reset form
// marked none), and the page always offers to ask for a new link: a student with an expired
// link was shown the same form again with no way on but the browser's address bar.
func TestARefusedPasswordResetMarksItsFieldAndOffersANewLink(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	input := regexp.MustCompile(`<input id="(password|confirm)"[^>]*>`)
	// marked returns the fields marked invalid (each tied to the message); after a refusal of
	// either, the cursor is in the new password, the first of the two to type again.
	marked := func(body string) []string {
		var out []string
		refused := regexp.MustCompile(`aria-invalid="true"`).MatchString(body)
		for _, m := range input.FindAllStringSubmatch(body, -1) {
			invalid := regexp.MustCompile(`aria-invalid="true"`).MatchString(m[0])
			described := regexp.MustCompile(`aria-describedby="[^"]*form-error`).MatchString(m[0])
			focused := regexp.MustCompile(` autofocus`).MatchString(m[0])
			require.Equal(t, invalid, described, m[0])
			if invalid {
				out = append(out, m[1])
			}
			require.Equal(t, m[1] == "password" && refused, focused, m[0])
		}
		return out
	}
	c := newClient(t, srv)
	p := c.get("/reset-password?token=made-up")
	require.Equal(t, http.StatusOK, p.status)
	require.Empty(t, marked(p.body))
	require.Contains(t, p.body, `<a href="/forgot">الرابط لا يعمل؟ اطلب رابطاً جديداً</a>`)

	p = c.post("/reset-password", url.Values{"token": {"made-up"}, "password": {"a-new-password"}, "confirm": {"another-password"}})
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Contains(t, p.body, `id="form-error"`)
	require.Equal(t, []string{"confirm"}, marked(p.body), "the two passwords differ")

	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	p = c.post("/reset-password", url.Values{"token": {"made-up"}, "password": {"a-new-password"}, "confirm": {"a-new-password"}})
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Contains(t, p.body, `id="form-error"`)
	require.Empty(t, marked(p.body), "the link, not a field, is refused")
	require.Contains(t, p.body, `<a href="/forgot">Link not working? Ask for a new one</a>`)
}
