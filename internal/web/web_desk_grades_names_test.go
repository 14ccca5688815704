package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A grade's streams are named by title in the page's language, as the stream list names them:
// they showed as ids ("scientific", "literary").
func TestAGradesStreamsAreNamedByTitle(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string]string{"ar": `<span class="badge" dir="auto">العلمي</span>`, "en": `<span class="badge" dir="auto">Scientific</span>`}
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskSystem, lang).get("/app/grades")
		require.Equal(t, http.StatusOK, p.status, lang)
		require.Contains(t, p.body, want[lang], lang)
		require.NotContains(t, p.body, `<span class="badge" dir="ltr">scientific</span>`, lang)
	}
}
