package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/webtest"
)

// In Arabic a middle dot beside a digit reads as the Arabic zero: "المرحلة ١ ·" looked like
// "المرحلة ١٠". The lesson editor's stage headings have no dot (the type's badge stands between
// the number and the title), and no Arabic message of the desk, nor any message named by its
// English sentence (the FSRS parameters' among them), puts one beside a placeholder or a digit.
func TestNoMiddleDotStandsBesideANumberInTheArabicDesk(t *testing.T) {
	t.Parallel()
	msgs := i18n.MustLoad()
	beside := regexp.MustCompile(`[}\p{Nd}]\s*·|·\s*[{\p{Nd}]`)
	for _, key := range msgs.Keys() {
		ar, _ := msgs.Lookup(i18n.Arabic, key)
		if strings.HasPrefix(key, "desk.") || strings.Contains(key, "{") {
			require.False(t, beside.MatchString(ar), "%s: %q", key, ar)
		}
	}

	srv := webtest.Start(t)
	p := deskClient(t, srv, deskContentManager, "ar").get("/app/content/lessons/math-quad-1")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, `>المرحلة ١ <span class="badge">`)
	require.NotContains(t, p.body, `١ · <span class="badge">`)
}
