package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/season"
	"memora/internal/shop"
	"memora/internal/srs"
	"memora/internal/webtest"
)

// A new season's desired retention and exam target are shown in the page's digits and taken
// in either digit set, with "." or "٫" (a number field posted Arabic-Indic digits as empty);
// anything else is refused with a 400 that names the field, and no season is made.
func TestTheSeasonFormsDecimalsTakeBothDigitSets(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	for lang, shown := range map[string][2]string{"ar": {`value="٠٫٩٠"`, `value="٠٫٩٥"`}, "en": {`value="0.90"`, `value="0.95"`}} {
		p := deskClient(t, srv, deskSystem, lang).get("/app/seasons")
		require.Equal(t, http.StatusOK, p.status)
		require.Contains(t, p.body, `<input id="season-retention" name="retention" inputmode="decimal" dir="ltr" autocomplete="off" `+shown[0], lang)
		require.Contains(t, p.body, `<input id="season-exam-target" name="exam_target" inputmode="decimal" dir="ltr" autocomplete="off" `+shown[1], lang)
		require.NotContains(t, p.body, `type="number"`, lang)
	}

	c := deskClient(t, srv, deskSystem, "ar")
	form := func(id, year, retention, target string) url.Values {
		return url.Values{"id": {id}, "title": {id}, "start": {year + "-09-01"}, "end": {year + "-12-31"},
			"exam_date": {year + "-12-01"}, "scheduler": {"fsrs"}, "retention": {retention}, "exam_target": {target}}
	}
	seasons := func() map[string]season.View {
		list, err := srv.App.Season.List(ctx)
		require.NoError(t, err)
		out := map[string]season.View{}
		for _, s := range list {
			out[s.Name] = s
		}
		return out
	}
	for _, tc := range []struct {
		id, retention, target string
		want                  [2]float64
	}{
		{"SEASON-2031", "٠٫٨٥", "٠٫٩٧", [2]float64{0.85, 0.97}},
		{"SEASON-2032", "۰٫۸۸", "۰٫۹۳", [2]float64{0.88, 0.93}},
		{"SEASON-2033", "0.9", "0,96", [2]float64{0.9, 0.96}},
		{"SEASON-2034", "٫٨", "٠.٩٤", [2]float64{0.8, 0.94}},
	} {
		p := c.post("/app/seasons", form(tc.id, tc.id[7:], tc.retention, tc.target))
		require.Equal(t, http.StatusSeeOther, p.status, "%s: %s", tc.id, p.body)
		s, ok := seasons()[tc.id]
		require.True(t, ok, tc.id)
		require.InDelta(t, tc.want[0], s.DesiredRetention, 1e-12, tc.id)
		require.InDelta(t, tc.want[1], s.ExamTarget, 1e-12, tc.id)
	}
	// The seasons table shows a season's desired retention, exam day and exam target in the
	// page's digits (it showed "fsrs · 0.85" and "2031-12-01 · 0.97" on the Arabic page), its
	// scheduler by the name the form gives it, and separates them with list.sep.
	exam := time.Date(2031, 12, 1, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string][]string{
		"ar": {"<bdi>FSRS-6</bdi>، ٠٫٨٥", i18n.Date(i18n.Arabic, exam) + "</span>، ٠٫٩٧"},
		"en": {"<bdi>FSRS-6</bdi> · 0.85", i18n.Date(i18n.English, exam) + "</span> · 0.97"},
	} {
		body := deskClient(t, srv, deskSystem, lang).get("/app/seasons").body
		start := strings.Index(body, `<tr id="season-SEASON-2031">`)
		require.GreaterOrEqual(t, start, 0, lang)
		row := body[start:]
		row = row[:strings.Index(row, "</tr>")]
		for _, w := range want {
			require.Contains(t, row, w, lang)
		}
		if lang == "ar" {
			require.NotContains(t, row, "2031-12-01", "the exam day in the page's digits")
		}
	}

	before := len(seasons())
	for i, tc := range []struct{ retention, target, field, msg string }{
		{"٠٬٩", "٠٫٩٥", "retention", "نسبة التذكّر المطلوبة رقم مثل ٠٫٩٠."}, // the thousands mark, not the decimal one
		{"٠٫٩x", "٠٫٩٥", "retention", "نسبة التذكّر المطلوبة رقم مثل ٠٫٩٠."},
		{"-0.9", "٠٫٩٥", "retention", "نسبة التذكّر المطلوبة رقم مثل ٠٫٩٠."},
		{"", "٠٫٩٥", "retention", "نسبة التذكّر المطلوبة رقم مثل ٠٫٩٠."},
		{"٠٫٩", "٠٫٩٫٥", "exam-target", "هدف الامتحان رقم مثل ٠٫٩٥."},
		{"٠٫٩", "1e-1", "exam-target", "هدف الامتحان رقم مثل ٠٫٩٥."},
	} {
		year := strconv.Itoa(2041 + i)
		p := c.post("/app/seasons", form("SEASON-"+year, year, tc.retention, tc.target))
		require.Equal(t, http.StatusBadRequest, p.status, "%q %q", tc.retention, tc.target)
		require.Contains(t, p.body, tc.msg, "%q %q", tc.retention, tc.target)
		require.Regexp(t, `<input id="season-`+tc.field+`"[^>]*aria-invalid="true"`, p.body, "%q %q", tc.retention, tc.target)
		require.Contains(t, p.body, `value="`+tc.retention+`"`, "what was typed is kept")
	}
	require.Len(t, seasons(), before, "a refused season is not made")
}

// A store item's price and discounted price are taken in either digit set, with "." or "٫";
// a price that is not a number, or could be read two ways ("1,200"), is refused with a 400 and
// no item is made.
func TestAStoreItemsPricesTakeBothDigitSets(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	who := identity.Caller{Principal: deskWho(t, srv, deskAdmin)}
	items := func() map[string]shop.ItemAdminView {
		list, err := srv.App.Shop.AdminItems(ctx, who)
		require.NoError(t, err)
		out := map[string]shop.ItemAdminView{}
		for _, it := range list {
			out[it.NameEn] = it
		}
		return out
	}
	c := deskClient(t, srv, deskAdmin, "ar")
	p := c.get("/app/items")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, `<input id="item-price" name="price" inputmode="decimal"`)
	require.Contains(t, p.body, `<input id="item-discounted" name="discounted" inputmode="decimal"`)
	item := func(name, price, discounted string) url.Values {
		return url.Values{"name": {"مادة " + name}, "name_en": {name}, "price": {price}, "discounted": {discounted}, "subject": {"physics"}, "season": {"SEASON-2026"}}
	}
	for name, tc := range map[string]struct {
		price, discounted string
		want              [2]int64
	}{
		"Arabic-Indic": {"١٢٫٥", "٩٫٩٩", [2]int64{1250, 999}},
		"Eastern":      {"۱۲٫۵", "۱۰", [2]int64{1250, 1000}},
		"Grouped":      {"١٬٢٠٠", "1,100.50", [2]int64{120000, 110050}},
		"Comma":        {"19,50", "", [2]int64{1950, -1}},
	} {
		p = c.post("/app/items", item(name, tc.price, tc.discounted))
		require.Equal(t, http.StatusSeeOther, p.status, "%s: %s", name, p.body)
		it, ok := items()[name]
		require.True(t, ok, name)
		require.Equal(t, tc.want[0], it.PriceCents, name)
		if tc.want[1] < 0 {
			require.Nil(t, it.DiscountedPriceCents, name)
		} else {
			require.NotNil(t, it.DiscountedPriceCents, name)
			require.Equal(t, tc.want[1], *it.DiscountedPriceCents, name)
		}
	}
	before := len(items())
	for i, tc := range [][2]string{{"1,200", ""}, {"١,٢٠٠", ""}, {"١٢x", ""}, {"", ""}, {"-5", ""}, {"١٢", "٩٬٥"}, {"١٢", "٩٫٥٫١"}} {
		name := "Refused " + strconv.Itoa(i)
		p = c.post("/app/items", item(name, tc[0], tc[1]))
		require.Equal(t, http.StatusBadRequest, p.status, "%q", tc)
		require.Contains(t, p.body, "السعر رقم مثل ٢٠ أو ١٩٫٥٠.", "%q", tc)
		_, made := items()[name]
		require.False(t, made, "%q made an item", tc)
	}
	require.Len(t, items(), before)
}

// The manual FSRS weights are shown in the page's digits (their ranges too) and taken in either
// digit set, with "." or "٫"; a weight that is not a number is refused with a 400 naming it,
// and no version is stored.
func TestTheManualWeightsTakeBothDigitSets(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	inst, season := paramsSeason(t, srv)
	versions := func() int {
		list, err := srv.App.SRSFit.List(ctx, sysCaller(t, srv), inst, season)
		require.NoError(t, err)
		return len(list.Versions)
	}
	require.Equal(t, 2, versions())
	c := deskClient(t, srv, deskSystem, "ar")
	p := c.get("/app/srs/params/" + season)
	require.Equal(t, http.StatusOK, p.status)
	// version 2 in use: the defaults with w0 + 0.2
	require.Contains(t, p.body, `<input id="w0" name="w0" inputmode="decimal" dir="ltr" autocomplete="off" value="٠٫٤١٢"`)
	require.Contains(t, p.body, `<input id="w7" name="w7" inputmode="decimal" dir="ltr" autocomplete="off" value="٠٫٠٠١"`)
	require.Contains(t, p.body, `<bdi dir="ltr" aria-hidden="true">٠٫٠٠١ – ١٠٠</bdi>`)
	// the loss in the page's digits, each number isolated: Arabic-Indic digits on both sides
	// would turn the pair, and so the arrow's meaning, from right to left
	require.Contains(t, p.body, `<bdi dir="ltr"><bdi>٠٫٥٢٠٠</bdi> → <bdi>٠٫٤٥٠٠</bdi></bdi>`)
	pe := deskClient(t, srv, deskSystem, "en").get("/app/srs/params/" + season)
	require.Contains(t, pe.body, `name="w0" inputmode="decimal" dir="ltr" autocomplete="off" value="0.412"`)

	weights := func(change func([]string)) url.Values {
		form := url.Values{}
		w := make([]string, 0, 21)
		for _, v := range srs.DefaultWeights() {
			w = append(w, i18n.Digits(i18n.Arabic, strconv.FormatFloat(v, 'f', -1, 64)))
		}
		change(w)
		for i, v := range w {
			form.Set("w"+strconv.Itoa(i), v)
		}
		return form
	}
	for _, bad := range []string{"٨٬٣", "٨٫٣x", "-1", "8..3", ""} {
		p = c.post("/app/srs/params/"+season+"/manual", weights(func(w []string) { w[3] = bad }))
		require.Equal(t, http.StatusBadRequest, p.status, "%q", bad)
		require.Contains(t, p.body, "يجب أن يكون الوزن w3 بين", "%q", bad)
		require.Contains(t, p.body, `id="w3" name="w3" inputmode="decimal" dir="ltr" autocomplete="off" value="`+bad+`"`, "%q: what was typed is kept", bad)
		require.Regexp(t, `id="w3"[^>]*aria-invalid="true"`, p.body, "%q", bad)
	}
	// a number out of its range: the bounds in the page's digits, the weight's name as on the form
	p = c.post("/app/srs/params/"+season+"/manual", weights(func(w []string) { w[3] = "\u200f٢٠٠" }))
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Contains(t, p.body, "يجب أن يكون الوزن w3 بين ٠٫٠٠١ و١٠٠.")
	pe = deskClient(t, srv, deskSystem, "en").post("/app/srs/params/"+season+"/manual", weights(func(w []string) { w[3] = "200" }))
	require.Equal(t, http.StatusBadRequest, pe.status)
	require.Contains(t, pe.body, "Weight w3 must be between 0.001 and 100.")
	require.Equal(t, 2, versions(), "nothing stored")

	p = c.post("/app/srs/params/"+season+"/manual", weights(func(w []string) { w[0], w[1] = "٠٫٥", "۱٫۲۵" }))
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	list, err := srv.App.SRSFit.List(ctx, sysCaller(t, srv), inst, season)
	require.NoError(t, err)
	require.Len(t, list.Versions, 3)
	want := srs.DefaultWeights()
	want[0], want[1] = 0.5, 1.25
	require.Equal(t, want, list.Versions[0].Weights, "every weight as typed in Arabic-Indic digits")

	// The SRS page says the version in use was entered by hand: it has no loss to tell ("log loss
	// 0.0000 → 0.0000 on 0 reviews" read as a fit that learnt nothing).
	p = c.get("/app/srs")
	require.Contains(t, p.body, "الإصدار ٣ قيد الاستخدام: أوزان أُدخلت يدويًا (لم تُضبط على المراجعات)")
	require.NotContains(t, p.body, "الخسارة اللوغاريتمية")
	pe = deskClient(t, srv, deskSystem, "en").get("/app/srs")
	require.Contains(t, pe.body, "version 3 in use: weights entered by hand (not fitted to reviews)")
	require.NotContains(t, pe.body, "log loss")
}
