package web_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The plans are named by their grade's, stream's and season's titles in the page's language, as
// the new-plan form offers them (the headings showed "tawjihi · scientific · SEASON-2026"), and
// a plan the reader may only read lists its subjects by their titles ("math", "physics"). Only
// such a plan is marked read-only: a System Manager, who edits the shared plans, saw every one
// marked "Shared (read only)" above its Save and Delete buttons.
func TestThePlansAreNamedByTitlesAndOnlyReadOnlyOnesSaySo(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	heading := map[string]string{
		"ar": `<h2 id="plan-plan-tawjihi-sci-2026-h"><bdi>التوجيهي (الصف الثاني عشر)</bdi>، <bdi>العلمي</bdi>، <bdi>`,
		"en": `<h2 id="plan-plan-tawjihi-sci-2026-h"><bdi>Tawjihi (Grade 12)</bdi> · <bdi>Scientific</bdi> · <bdi>`,
	}
	subject := map[string]string{"ar": `<li dir="auto">الفيزياء</li>`, "en": `<li dir="auto">Physics</li>`}
	readOnly := map[string]string{"ar": "مشترك (للقراءة فقط)", "en": "Shared (read only)"}
	ids := regexp.MustCompile(`<h2 id="plan-[^"]*-h">[^\n]*(grade-10|tawjihi|scientific|SEASON-20)`)
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskAdmin, lang).get("/app/plans")
		require.Equal(t, http.StatusOK, p.status, lang)
		require.Contains(t, p.body, heading[lang], lang)
		require.NotRegexp(t, ids, p.body, "%s: no heading names a plan by ids", lang)
		require.Contains(t, p.body, subject[lang], "%s: a read-only plan lists its subjects by title", lang)
		require.NotContains(t, p.body, `<li dir="auto">physics</li>`, lang)
		require.Contains(t, p.body, readOnly[lang], "%s: an Institution Admin reads the shared plans", lang)

		p = deskClient(t, srv, deskSystem, lang).get("/app/plans")
		require.Equal(t, http.StatusOK, p.status, lang)
		require.Contains(t, p.body, heading[lang], lang)
		require.NotContains(t, p.body, readOnly[lang], "%s: a System Manager edits the shared plans", lang)
	}
}
