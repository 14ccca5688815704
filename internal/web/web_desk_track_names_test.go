package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A store item's bundle and a subscription's access name the tracks they open by title in the
// page's language, as the subjects beside them are: both lists showed the track's id
// ("history-landmarks", "math-olympiad").
func TestTheItemsAndSubscriptionsNameTheirTracksByTitle(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	items := map[string][]string{
		"ar": {`<span class="badge" dir="auto">معالم أردنية</span>`, `<span class="badge" dir="auto">تحدي الأولمبياد</span>`},
		"en": {`<span class="badge" dir="auto">Jordanian Landmarks</span>`, `<span class="badge" dir="auto">Olympiad Challenge</span>`},
	}
	subs := map[string]string{
		"ar": `<span class="badge" dir="auto">الفيزياء</span> <span class="badge" dir="auto">تحدي الأولمبياد</span>`,
		"en": `<span class="badge" dir="auto">Physics</span> <span class="badge" dir="auto">Olympiad Challenge</span>`,
	}
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskAdmin, lang).get("/app/items")
		require.Equal(t, http.StatusOK, p.status, lang)
		for _, w := range items[lang] {
			require.Contains(t, p.body, w, lang)
		}
		require.NotContains(t, p.body, ">history-landmarks<", lang)
		require.NotContains(t, p.body, ">math-olympiad<", lang)

		p = deskClient(t, srv, deskAdmin, lang).get("/app/subscriptions")
		require.Equal(t, http.StatusOK, p.status, lang)
		require.Contains(t, p.body, subs[lang], lang)
		require.NotContains(t, p.body, ">math-olympiad<", lang)
	}
}

// A plan the reader may only read names its subjects as its students see them: the row's display
// name (which the model keeps in Arabic only) or the subject's title in Arabic, the subject's
// English title in English. The English desk listed "رياضيات الصف العاشر".
func TestAReadOnlyPlanNamesItsSubjectsInThePagesLanguage(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string][]string{
		"ar": {`<li dir="auto">تاريخ الأردن</li>`, `<li dir="auto">رياضيات الصف العاشر</li>`, `<li dir="auto">فيزياء: الحركة</li>`},
		"en": {`<li dir="auto">History of Jordan</li>`, `<li dir="auto">Mathematics</li>`, `<li dir="auto">Physics</li>`},
	}
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskAdmin, lang).get("/app/plans")
		require.Equal(t, http.StatusOK, p.status, lang)
		for _, w := range want[lang] {
			require.Contains(t, p.body, w, lang)
		}
		if lang == "en" {
			require.NotContains(t, p.body, "رياضيات الصف العاشر", "the English desk shows no Arabic display name")
			require.NotContains(t, p.body, "فيزياء: الحركة", "the English desk shows no Arabic display name")
		}
	}
}
