package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

type storeCard struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

const readStoreItems = `[...document.querySelectorAll('ul.items li.item')].map(li => ({
	id: li.querySelector('input[name=item]').value, title: li.querySelector('h2').textContent.trim()}))`

type storeRequestRow struct {
	Text   string `json:"text"`
	Status string `json:"status"`
}

const readStoreRequests = `[...document.querySelectorAll('#requests li.request')].map(li => ({
	text: li.textContent.replace(/\s+/g, ' ').trim(), status: li.className.replace(/card|request/g, '').trim()}))`

func TestAStudentRequestsAPurchaseAndSeesItPending(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	flowLang(t, ctx, srv, "ar")
	srv.Login(t, ctx, "layla@demo.memora.test")

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.Click(chromedp.CSS(`nav.tabbar a[href="/store"]`)),
		chromedp.WaitVisible(chromedp.CSS("ul.items li.item")))
	items := flowEval[[]storeCard](t, ctx, readStoreItems)
	require.NotEmpty(t, items, "the demo student has something to buy")
	require.Empty(t, flowEval[[]storeRequestRow](t, ctx, readStoreRequests), "no request yet")
	webtest.RequireNoSeriousAxe(t, ctx, "store, ar, phone")

	first := items[0]
	webtest.Do(t, ctx,
		chromedp.Click(chromedp.CSS(`ul.items li.item:first-child details.reference summary`)),
		chromedp.SendKeys(chromedp.CSS(`ul.items li.item:first-child input[name=transaction_id]`), "TX-2026-77"),
		chromedp.Click(chromedp.CSS(`ul.items li.item:first-child button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role=status]`)))
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.notice")))
	require.NoError(t, err)
	require.Contains(t, notice, first.Title)
	require.Contains(t, notice, "قيد المراجعة")

	reqs := flowEval[[]storeRequestRow](t, ctx, readStoreRequests)
	require.Len(t, reqs, 1)
	require.Equal(t, "pending", reqs[0].Status)
	require.Contains(t, reqs[0].Text, first.Title)
	require.Contains(t, reqs[0].Text, "قيد المراجعة")
	for _, it := range flowEval[[]storeCard](t, ctx, readStoreItems) {
		require.NotEqual(t, first.ID, it.ID, "an item with a pending request is not offered again")
	}

	// Reloading the page after the request asks for nothing more: the service has one request.
	webtest.Do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#requests")))
	who := flowPrincipal(t, srv, "layla@demo.memora.test")
	mine, err := srv.App.Shop.MyRequests(context.Background(), who)
	require.NoError(t, err)
	require.Len(t, mine, 1)
	require.Equal(t, first.ID, mine[0].ItemID)
	require.Equal(t, "pending", mine[0].Status)
	webtest.RequireNoSeriousAxe(t, ctx, "store after a request, ar, phone")

	// Once the administration approves it, the student reads so.
	admin := flowPrincipal(t, srv, "admin@demo.memora.test")
	_, err = srv.App.Shop.Approve(context.Background(), admin, mine[0].ID)
	require.NoError(t, err)
	flowLang(t, ctx, srv, "en")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/store"), chromedp.WaitVisible(chromedp.CSS("#requests li.request.approved")))
	reqs = flowEval[[]storeRequestRow](t, ctx, readStoreRequests)
	require.Len(t, reqs, 1)
	require.Contains(t, reqs[0].Text, "Approved")
}

func TestARequestForAnUnknownItemIsRefusedInPlaceAndChangesNothing(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	post := func(item string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/store/request",
			strings.NewReader(url.Values{"item": {item}}.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "sid", Value: sid})
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, string(body)
	}
	status, body := post("no-such-item")
	require.Equal(t, http.StatusNotFound, status)
	require.Contains(t, body, `role="alert"`)
	require.Contains(t, body, "Item not found")
	status, body = post("")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "item_id is required")

	mine, err := srv.App.Shop.MyRequests(context.Background(), flowPrincipal(t, srv, "layla@demo.memora.test"))
	require.NoError(t, err)
	require.Empty(t, mine)
}
