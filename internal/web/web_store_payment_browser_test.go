package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// In Chromium, on a phone and a desktop: the store's "How to pay" shows the demo IBAN and an
// account number left to right beside their label (the label first in the reading order), every price keeps its amount and
// unit on one line, the amount first in the reading order (right of the unit in Arabic, left
// of it in English), and axe finds nothing serious.
func TestTheStoresPricesAndIBANReadInOrderInBothDirections(t *testing.T) {
	srv := webtest.Start(t)
	set, err := srv.App.Store.InstitutionSettingsGet(context.Background(), "demo-academy")
	require.NoError(t, err)
	// Groups of digits alone after an Arabic label: without their <bdi> they are laid out right to left.
	setPayment(t, srv, set.Currency, set.PaymentNote+"\nرقم الحساب: 0123 4567 8901", set.PaymentNoteEN+"\nAccount: 0123 4567 8901")
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			name := fmt.Sprintf("%s, %s", lang, device)
			ctx := deskTabOn(t, srv, deskStudent, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/store"), chromedp.WaitVisible(chromedp.CSS(".pay-how")))
			got := deskEval[struct {
				Runs                    int
				IBANInOrder, LabelAfter bool
				Prices                  []string
			}](t, ctx, `(() => {
				const at = (n, k) => { const r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1); return r.getBoundingClientRect(); };
				const rtl = document.documentElement.dir === 'rtl';
				let inOrder = true, labelAfter = true;
				const runs = document.querySelectorAll('.pay-note bdi');
				for (const b of runs) {
					const t = b.firstChild;
					let prev = null;
					for (let k = 0; k < t.data.length; k++) {
						if (t.data[k] === ' ') continue;
						const r = at(t, k);
						if (prev && Math.abs(prev.top - r.top) < 2 && r.left < prev.left) inOrder = false;
						prev = r;
					}
					const label = b.previousSibling, first = at(label, 0), j = at(t, 0);
					if (Math.abs(first.top - j.top) < 2 && (rtl ? first.left < j.left : first.left > j.left)) labelAfter = false;
				}
				const prices = [];
				for (const p of document.querySelectorAll('.price, .price-line .old, .request-price')) {
					const n = [...p.childNodes].filter(c => c.nodeType === 3 && c.data.includes('\u00a0')).pop();
					if (!n) continue;
					const i = n.data.indexOf('\u00a0'), num = at(n, i - 1), unit = at(n, i + 1);
					const oneLine = Math.abs(num.top - unit.top) < 2;
					const first = rtl ? num.left > unit.left : num.left < unit.left;
					prices.push(n.data + (oneLine ? '' : ' broken') + (first ? '' : ' reversed'));
				}
				return {Runs: runs.length, IBANInOrder: inOrder, LabelAfter: labelAfter, Prices: prices};
			})()`)
			require.Equal(t, 2, got.Runs, "%s: the IBAN and the account number", name)
			require.True(t, got.IBANInOrder, "%s: the IBAN and the account number read left to right", name)
			require.True(t, got.LabelAfter, "%s: the label comes first in the reading order", name)
			require.NotEmpty(t, got.Prices, name)
			for _, p := range got.Prices {
				require.NotContains(t, p, " broken", "%s: %q", name, p)
				require.NotContains(t, p, " reversed", "%s: %q", name, p)
			}
			webtest.RequireNoSeriousAxe(t, ctx, "store, "+name)
			t.Log(webtest.Screenshot(t, ctx, "store-pay-"+lang+"-"+device))
		}
	}
}

// The settings form is walked with Tab in its visual order, the new fields included; a refused
// currency puts the cursor in the currency field with the message beside it.
func TestTheSettingsFormIsWalkedWithTabAndARefusedCurrencyIsFocused(t *testing.T) {
	srv := webtest.Start(t)
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			name := fmt.Sprintf("%s, %s", lang, device)
			ctx := deskTabOn(t, srv, deskAdmin, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/settings"), chromedp.WaitVisible(chromedp.CSS("#settings")),
				chromedp.Focus(chromedp.CSS("#inst-name")))
			var order []string
			for range 8 {
				order = append(order, deskEval[string](t, ctx, `document.activeElement.id || document.activeElement.tagName.toLowerCase() + '.' + document.activeElement.type`))
				webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
			}
			require.Equal(t, []string{"inst-name", "inst-name-en", "inst-zone", "inst-logo", "inst-currency", "inst-pay", "inst-pay-en", "button.submit"},
				order, name)
			webtest.RequireNoSeriousAxe(t, ctx, "settings, "+name)
			t.Log(webtest.Screenshot(t, ctx, "desk-settings-pay-"+lang+"-"+device))

			webtest.Do(t, ctx, chromedp.SetValue(chromedp.CSS("#inst-currency"), "ABC"),
				chromedp.Submit(chromedp.CSS("#settings")),
				chromedp.WaitReady(chromedp.CSS(`#inst-currency[aria-invalid="true"]`)))
			got := deskEval[struct {
				Focused            bool
				Top, Bottom, Inner float64
			}](t, ctx, `(() => {
				const a = document.querySelector('#settings-error').getBoundingClientRect();
				return {Focused: document.activeElement.id === 'inst-currency', Top: document.activeElement.getBoundingClientRect().top,
					Bottom: a.bottom, Inner: innerHeight};
			})()`)
			require.True(t, got.Focused, "%s: the cursor is in the currency field", name)
			require.GreaterOrEqual(t, got.Top, 0.0, name)
			require.LessOrEqual(t, got.Bottom, got.Inner, "%s: the message is on screen beside the field", name)
			t.Log(webtest.Screenshot(t, ctx, "desk-settings-refused-"+lang+"-"+device))
		}
	}
}
