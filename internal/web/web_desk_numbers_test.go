package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// deskClient is a signed-in desk client whose pages come in lang.
func deskClient(t *testing.T, srv *webtest.Server, who, lang string) *client {
	t.Helper()
	c := newClient(t, srv)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang}})
	c.signIn(who)
	return c
}

// The reconciliation's sample size is shown in the page's digits and taken in either digit set
// (a number field could do neither: it shows Latin digits and drops Arabic-Indic ones); anything
// else is refused with a 400 that says what is wanted, in the reader's language and digits.
func TestTheSampleSizeFollowsThePagesDigitsAndTakesBothDigitSets(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	shown := map[string]string{"ar": `value="١٬٠٠٠"`, "en": `value="1,000"`}
	refused := map[string]string{
		"ar": "يجب أن يكون حجم العيّنة عددًا صحيحًا من ١٠٠ إلى ١٠٠٬٠٠٠.",
		"en": "The sample size must be a whole number from 100 to 100,000.",
	}
	for _, lang := range []string{"ar", "en"} {
		c := deskClient(t, srv, deskSystem, lang)
		p := c.get("/app/srs")
		require.Equal(t, http.StatusOK, p.status)
		require.Contains(t, p.body, `<input id="sample" name="sample_size" inputmode="numeric"`, lang)
		require.Contains(t, p.body, shown[lang], lang)
		for _, typed := range []string{"1200", "١٢٠٠", "۱۲۰۰", "١٬٢٠٠", "1,200"} {
			p = c.post("/app/srs/reconcile", url.Values{"sample_size": {typed}})
			require.Equal(t, http.StatusOK, p.status, "%s %q: %s", lang, typed, p.body)
			require.NotContains(t, p.body, `role="alert"`, "%s %q", lang, typed)
		}
		for _, typed := range []string{"12x", "50", "100001", "-500", "1.5", "١٫٥"} {
			p = c.post("/app/srs/reconcile", url.Values{"sample_size": {typed}})
			require.Equal(t, http.StatusBadRequest, p.status, "%s %q", lang, typed)
			require.Contains(t, p.body, refused[lang], "%s %q", lang, typed)
			require.Contains(t, p.body, `aria-describedby="sample-hint srs-error" aria-invalid="true"`, "%s %q", lang, typed)
		}
	}
}
