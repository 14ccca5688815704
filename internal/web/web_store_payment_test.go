package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/webtest"
)

const nbsp = "\u00a0"

// setPayment changes the demo academy's currency and payment instructions behind the pages.
func setPayment(t *testing.T, srv *webtest.Server, currency, note, noteEN string) {
	t.Helper()
	ctx := context.Background()
	s, err := srv.App.Store.InstitutionSettingsGet(ctx, "demo-academy")
	require.NoError(t, err)
	s.Currency, s.PaymentNote, s.PaymentNoteEN = currency, note, noteEN
	require.NoError(t, srv.App.Store.InstitutionSettingsUpdate(ctx, s))
}

// Every price of the store (the cards, the struck price before a discount, the student's
// requests) and of the desk's purchase queue carries the institution's currency, after the
// amount and joined to it by a no-break space: "9 JOD" in English, "٩ د.أ" in Arabic, with the
// page's digits. "Free" stays "Free". Without a currency the amounts stand alone, as before.
func TestStorePricesCarryTheInstitutionsCurrencyInBothLanguages(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/store"}})
	require.Equal(t, http.StatusSeeOther, c.post("/store/request", url.Values{"item": {"item-history-landmarks"}}).status)

	want := []struct {
		lang                          string
		price, free, old, req, queued string
	}{
		{"ar", `<span class="price">٢٠` + nbsp + `د.أ</span>`, `<span class="price">مجاناً</span>`, `١٥` + nbsp + `د.أ</del>`,
			`<span class="visually-hidden">السعر </span>٩` + nbsp + `د.أ</span>`, `>٩` + nbsp + `د.أ</td>`},
		{"en", `<span class="price">20` + nbsp + `JOD</span>`, `<span class="price">Free</span>`, `15` + nbsp + `JOD</del>`,
			`<span class="visually-hidden">Price </span>9` + nbsp + `JOD</span>`, `>9` + nbsp + `JOD</td>`},
	}
	prices := regexp.MustCompile(`<span class="price">([^<]*)</span>`)
	for _, w := range want {
		c.post("/lang", url.Values{"lang": {w.lang}, "next": {"/store"}})
		p := c.get("/store")
		require.Equal(t, http.StatusOK, p.status)
		require.Contains(t, p.body, w.price, w.lang)
		require.Contains(t, p.body, w.free, w.lang)
		require.Contains(t, p.body, w.old, w.lang)
		require.Contains(t, p.body, w.req, w.lang)
		for _, m := range prices.FindAllStringSubmatch(p.body, -1) {
			if m[1] != "Free" && m[1] != "مجاناً" {
				require.Contains(t, m[1], nbsp, "%s: %q has its unit", w.lang, m[1])
			}
		}
		admin := deskClient(t, srv, deskAdmin, w.lang)
		q := admin.get("/app/purchases")
		require.Equal(t, http.StatusOK, q.status)
		require.Contains(t, q.body, w.queued, w.lang)
		items := admin.get("/app/items") // the desk's own list of what the store sells
		require.Equal(t, http.StatusOK, items.status)
		require.Contains(t, items.body, strings.TrimPrefix(strings.TrimSuffix(w.price, "</span>"), `<span class="price">`)+"</span>", w.lang)
		require.Contains(t, items.body, w.old, w.lang)
	}

	setPayment(t, srv, "", "", "")
	p := c.get("/store") // in English: the last language set
	require.Contains(t, p.body, `<span class="price">20</span>`, "no currency: the amount alone")
	require.Contains(t, p.body, `<span class="visually-hidden">Price </span>9</span>`)
	require.NotContains(t, p.body, "JOD")
	require.NotContains(t, deskClient(t, srv, deskAdmin, "en").get("/app/items").body, "JOD")
}

// The store says how to pay when the institution said it, in a "How to pay" block in the
// page's language (the other one when that is empty), its lines kept, its text escaped, and an
// IBAN-like run left to right in an isolated element; with nothing said, nothing new shows.
func TestTheStoreSaysHowToPayWhenTheInstitutionSaidIt(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	block := regexp.MustCompile(`(?s)<section class="card pay-how"[^>]*>.*?</section>`)
	read := func(lang string) string {
		t.Helper()
		c.post("/lang", url.Values{"lang": {lang}, "next": {"/store"}})
		p := c.get("/store")
		require.Equal(t, http.StatusOK, p.status)
		return block.FindString(p.body)
	}

	ar := read("ar")
	require.Contains(t, ar, `<h2 id="pay-h">طريقة الدفع</h2>`)
	require.Contains(t, ar, `<p class="pay-note" lang="ar" dir="rtl">`)
	require.Contains(t, ar, `<span dir="auto">رقم الآيبان: <bdi dir="ltr">`+demo.IBAN+`</bdi></span>`)
	require.Equal(t, 3, strings.Count(ar, "<br>"), "four lines")
	en := read("en")
	require.Contains(t, en, `<h2 id="pay-h">How to pay</h2>`)
	require.Contains(t, en, `<p class="pay-note" lang="en" dir="ltr">`)
	require.Contains(t, en, `<span dir="auto">IBAN: <bdi dir="ltr">`+demo.IBAN+`</bdi></span>`)
	require.Contains(t, en, "Beneficiary: Memora Demo Academy")
	require.NotContains(t, en, "الآيبان")

	setPayment(t, srv, "JOD", "<script>alert(\"x\")</script> & <b>حوّل</b>\nالحساب 0123 4567 8901", "")
	en = read("en")
	require.Contains(t, en, `<p class="pay-note" lang="ar" dir="rtl">`, "no English: the Arabic, marked as Arabic")
	require.Contains(t, en, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;حوّل&lt;/b&gt;`)
	require.NotContains(t, en, "<script>")
	require.NotContains(t, en, "<b>")
	require.Contains(t, en, `الحساب <bdi dir="ltr">0123 4567 8901</bdi>`, "digit groups read left to right")

	setPayment(t, srv, "JOD", "", "")
	for _, lang := range []string{"ar", "en"} {
		c.post("/lang", url.Values{"lang": {lang}, "next": {"/store"}})
		p := c.get("/store")
		require.Equal(t, http.StatusOK, p.status)
		require.NotContains(t, p.body, "pay-how", lang)
		require.NotContains(t, p.body, "pay-h", lang)
	}
}

// The desk's settings take the currency (in any case, stored in capitals) and the payment
// instructions (line breaks kept); a bad currency or a note too long is refused in the page's
// language, the field marked with the message beside it and what was typed kept, and nothing
// is saved.
func TestTheDeskSettingsSaveTheCurrencyAndRefuseABadOne(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	form := func(currency, note string) url.Values {
		return url.Values{"name": {"أكاديمية memora التجريبية"}, "name_en": {"Demo Academy"}, "time_zone": {"Asia/Amman"},
			"logo_url": {""}, "currency": {currency}, "payment_note": {note}, "payment_note_en": {"Pay at Arab Bank\r\nIBAN: JO00 DEMO 1"}}
	}
	refused := map[string]string{
		"ar": "عملة غير معروفة «ABC»: استخدم رمز ISO 4217",
		"en": "Unknown currency &#39;ABC&#39;: use an ISO 4217 code such as JOD, SAR, IQD or USD",
	}
	long := map[string]string{
		"ar": "تعليمات الدفع بالعربية طويلة جدًا: ١٬٠٠٠ حرف على الأكثر",
		"en": "The Arabic payment instructions are too long: at most 1000 characters",
	}
	for _, lang := range []string{"ar", "en"} {
		c := deskClient(t, srv, deskAdmin, lang)
		p := c.get("/app/settings")
		require.Equal(t, http.StatusOK, p.status)
		require.Contains(t, p.body, `name="currency"`, lang)
		require.Contains(t, p.body, `<textarea id="inst-pay" name="payment_note" dir="rtl" lang="ar"`, lang)
		require.Contains(t, p.body, `<textarea id="inst-pay-en" name="payment_note_en" dir="ltr" lang="en"`, lang)

		p = c.post("/app/settings", form("sar", "البنك العربي\r\nالآيبان: JO00 DEMO 1  \r\n"))
		require.Equal(t, http.StatusSeeOther, p.status, p.body)
		saved, err := srv.App.Store.InstitutionSettingsGet(ctx, "demo-academy")
		require.NoError(t, err)
		require.Equal(t, "SAR", saved.Currency, lang)
		require.Equal(t, "البنك العربي\nالآيبان: JO00 DEMO 1", saved.PaymentNote, lang)
		require.Equal(t, "Pay at Arab Bank\nIBAN: JO00 DEMO 1", saved.PaymentNoteEN, lang)
		p = c.get("/app/settings")
		require.Contains(t, p.body, `value="SAR"`, lang)
		require.Contains(t, p.body, ">البنك العربي\nالآيبان: JO00 DEMO 1</textarea>", lang)

		for _, bad := range []struct {
			form         url.Values
			id, msg, cur string
		}{
			{form("ABC", "ملاحظة جديدة"), "inst-currency", refused[lang], `value="ABC"`},
			{form("JOD", strings.Repeat("ب", 1001)), "inst-pay", long[lang], `value="JOD"`},
		} {
			p = c.post("/app/settings", bad.form)
			require.Equal(t, http.StatusBadRequest, p.status, lang)
			require.Contains(t, p.body, bad.msg, lang)
			require.Equal(t, 1, strings.Count(p.body, `aria-invalid="true"`), "%s: one field marked", lang)
			field := regexp.MustCompile(`<(?:input|textarea) id="` + bad.id + `"[^>]*>`).FindString(p.body)
			require.Contains(t, field, `aria-invalid="true"`, lang)
			require.Contains(t, field, "settings-error", lang)
			require.Contains(t, field, "autofocus", lang)
			require.Contains(t, p.body, bad.cur, "%s: what was typed is kept", lang)
			now, err := srv.App.Store.InstitutionSettingsGet(ctx, "demo-academy")
			require.NoError(t, err)
			require.Equal(t, saved, now, "%s: a refusal changes nothing", lang)
		}
	}
}
