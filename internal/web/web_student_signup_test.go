package web_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The sign-up form ties each field's hint to it: the join code's ("e.g. DEMO2026. Ask your
// teacher…") was a paragraph of its own, which a screen reader did not read with the field, as
// the password's hint is.
func TestSignUpHintsAreTiedToTheirFields(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	p := newClient(t, srv).get("/signup")
	require.Equal(t, http.StatusOK, p.status)
	for field, hint := range map[string]string{"join_code": "code-hint", "password": "password-hint"} {
		in := regexp.MustCompile(`<input id="` + field + `"[^>]*>`).FindString(p.body)
		require.Regexp(t, `aria-describedby="`+hint+`"`, in, field)
		require.Regexp(t, `<p class="hint" id="`+hint+`">[^<]+</p>`, p.body, field)
	}
}
