package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// loginInput returns the <input> tag of the sign-in page with the given id.
func loginInput(t *testing.T, body, id string) string {
	t.Helper()
	tag := regexp.MustCompile(`<input id="` + id + `"[^>]*>`).FindString(body)
	require.NotEmpty(t, tag, "input #%s", id)
	return tag
}

// A failed sign-in says the same for a wrong password and an unknown e-mail, marks neither field
// (the e-mail field was marked invalid when the password was wrong), keeps the e-mail, puts the
// cursor in the password field, and ties the message to the form and both fields. An empty field
// is marked, and the cursor goes to the first one left empty.
func TestAFailedSignInSaysNotWhichFieldWasWrong(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	messages := map[string]bool{}
	for _, email := range []string{"layla@demo.memora.test", "nobody@demo.memora.test"} {
		p := c.post("/login", url.Values{"email": {email}, "password": {"not-the-password"}})
		require.Equal(t, http.StatusUnauthorized, p.status)
		msg := regexp.MustCompile(`<p class="alert" role="alert" id="login-error">([^<]*)</p>`).FindStringSubmatch(p.body)
		require.Len(t, msg, 2, "the message")
		messages[msg[1]] = true
		require.Regexp(t, `<form [^>]*aria-describedby="login-error"`, p.body)
		emailTag, passwordTag := loginInput(t, p.body, "email"), loginInput(t, p.body, "password")
		require.Contains(t, emailTag, `value="`+email+`"`, "the e-mail is kept")
		for _, tag := range []string{emailTag, passwordTag} {
			require.Contains(t, tag, `aria-describedby="login-error"`)
			require.NotContains(t, tag, "aria-invalid", "which field was wrong is not said")
		}
		require.Contains(t, passwordTag, "autofocus")
		require.NotContains(t, emailTag, "autofocus")
	}
	require.Len(t, messages, 1, "the same message for an unknown e-mail and a wrong password: %v", messages)

	p := c.post("/login", url.Values{"email": {"layla@demo.memora.test"}})
	require.Equal(t, http.StatusBadRequest, p.status)
	emailTag, passwordTag := loginInput(t, p.body, "email"), loginInput(t, p.body, "password")
	require.NotContains(t, emailTag, "aria-invalid")
	require.Contains(t, passwordTag, `aria-invalid="true"`)
	require.Contains(t, passwordTag, "autofocus")

	p = c.post("/login", url.Values{"password": {"x"}})
	emailTag, passwordTag = loginInput(t, p.body, "email"), loginInput(t, p.body, "password")
	require.Contains(t, emailTag, `aria-invalid="true"`)
	require.Contains(t, emailTag, "autofocus")
	require.NotContains(t, passwordTag, "aria-invalid")
	require.NotContains(t, passwordTag, "autofocus")
}
