package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A season's scheduler is named as the new-season form names it ("Classic (levels)", in Arabic
// on the Arabic page; the table said "classic") and its cell reads in the page's direction: it
// was a left-to-right cell, so on the Arabic page it started away from its heading and its exam
// line read backwards ("٠٫٩٧ · ١ ديسمبر الامتحان" from the right).
func TestASeasonsSchedulerIsNamedAndItsCellReadsInThePagesDirection(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string]string{"ar": `<td data-label="خوارزمية الجدولة"><bdi>التقليدية (المستويات)</bdi>، ٠٫٩</td>`, "en": `<td data-label="Scheduler"><bdi>Classic (levels)</bdi> · 0.9</td>`}
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskSystem, lang).get("/app/seasons")
		require.Equal(t, http.StatusOK, p.status, lang)
		start := strings.Index(p.body, `<tr id="season-SEASON-2025">`)
		require.GreaterOrEqual(t, start, 0, lang)
		row := p.body[start:]
		row = row[:strings.Index(row, "</tr>")]
		require.Contains(t, row, want[lang], lang)
		require.NotContains(t, row, `<td dir="ltr">`, lang)
	}
}
