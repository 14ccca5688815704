package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A user the add form refuses (an address already taken) is told so in the form, at the bottom
// of the users page, with the address field marked and the cursor in it, so the form is on
// screen: the message stood at the top of the page, above every account (on a phone 4,000 px
// above the form), and the field was not marked. What was typed is kept. In Arabic and English,
// on a phone and a desktop.
func TestARefusedNewUserIsToldSoInTheFormWithTheFormOnScreen(t *testing.T) {
	srv := webtest.Start(t)
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			name := fmt.Sprintf("%s, %s", lang, device)
			ctx := deskTabOn(t, srv, deskAdmin, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/users"), chromedp.WaitVisible(chromedp.CSS("#new-user")),
				chromedp.SetValue(chromedp.CSS("#new-email"), deskTeacher),
				chromedp.SetValue(chromedp.CSS("#new-name"), "Hind"),
				chromedp.Submit(chromedp.CSS("#new-user")),
				chromedp.WaitReady(chromedp.CSS(`#new-email[aria-invalid="true"]`)))
			got := deskEval[struct {
				Alerts             int
				InForm, Focused    bool
				Email, Name, Descr string
				Top, Bottom, Inner float64
			}](t, ctx, `(() => {
				const f = document.querySelector('#new-user'), a = f.querySelector('p.alert'), r = a.getBoundingClientRect();
				return {Alerts: document.querySelectorAll('p.alert').length, InForm: !!a, Focused: document.activeElement.id === 'new-email',
					Email: f.email.value, Name: f.full_name.value, Descr: f.email.getAttribute('aria-describedby'),
					Top: r.top, Bottom: f.email.getBoundingClientRect().bottom, Inner: innerHeight};
			})()`)
			require.Equal(t, 1, got.Alerts, "%s: one message, in the form", name)
			require.True(t, got.InForm, name)
			require.True(t, got.Focused, "%s: the cursor is in the address field", name)
			require.Equal(t, deskTeacher, got.Email, name)
			require.Equal(t, "Hind", got.Name, name)
			require.Equal(t, "new-user-error", got.Descr, name)
			require.GreaterOrEqual(t, got.Top, 0.0, "%s: the message is on screen", name)
			require.LessOrEqual(t, got.Bottom, got.Inner, "%s: the message and the field are on screen", name)
		}
	}
}
