package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A free item asks for no bank-transfer reference (the card of the demo's free Olympiad track
// offered "Add a transfer reference" for a transfer there is no reason to make), its button says
// it is free, and the request it sends is listed as free, not at a price of 0.
func TestAFreeItemAsksForNoTransferAndItsRequestSaysFree(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	card := func(body, item string) string {
		for _, c := range strings.Split(body, `<li class="card item`)[1:] {
			if strings.Contains(c, `name="item" value="`+item+`"`) {
				return c
			}
		}
		t.Fatalf("no card of %s", item)
		return ""
	}
	for lang, want := range map[string][2]string{"ar": {"اطلبه مجاناً", "اطلب الشراء"}, "en": {"Request it for free", "Request purchase"}} {
		c.post("/lang", url.Values{"lang": {lang}, "next": {"/store"}})
		p := c.get("/store")
		require.Equal(t, http.StatusOK, p.status)
		free := card(p.body, "item-olympiad-free")
		require.NotContains(t, free, `name="transaction_id"`, lang)
		require.Contains(t, free, want[0], lang)
		paid := card(p.body, "item-physics-full")
		require.Contains(t, paid, `name="transaction_id"`, lang)
		require.Contains(t, paid, want[1], lang)
	}

	// The map above is walked in no set order: the listing is read in English.
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/store"}})
	p := c.post("/store/request", url.Values{"item": {"item-olympiad-free"}})
	require.Equal(t, http.StatusSeeOther, p.status, "the request is sent")
	p = c.get("/store")
	price := regexp.MustCompile(`<span class="request-price"><span class="visually-hidden">Price </span>([^<]*)</span>`)
	m := price.FindStringSubmatch(p.body)
	require.NotNil(t, m, "the request is listed")
	require.Equal(t, "Free", m[1])
}
