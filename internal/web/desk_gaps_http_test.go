package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/webtest"
)

var bdi = regexp.MustCompile(`<bdi>([^<]*)</bdi>`)

// The class view and a student's drill-down name subjects and topics by their titles, in the
// page's language, not by their ids.
func TestTheClassViewNamesSubjectsAndTopicsByTheirTitles(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	subjects, err := srv.App.Store.SubjectListAll(ctx)
	require.NoError(t, err)
	var ids []string
	names := map[string]map[string]bool{"ar": {}, "en": {}} // titles by language
	known := map[string]bool{}                              // every subject and topic id
	for _, s := range subjects {
		ids = append(ids, s.ID)
		known[s.ID] = true
		names["ar"][s.Title], names["en"][s.TitleEN] = true, true
	}
	topics, err := srv.App.Store.TopicListBySubjects(ctx, ids)
	require.NoError(t, err)
	for _, tp := range topics {
		known[tp.ID] = true
		names["ar"][tp.Title], names["en"][tp.TitleEN] = true, true
	}
	layla := strconv.FormatInt(deskWho(t, srv, deskStudent).UserID, 10)
	for _, lang := range []string{"ar", "en"} {
		c := newClient(t, srv)
		u, _ := url.Parse(srv.URL)
		c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang}})
		c.signIn(deskTeacher)
		for _, path := range []string{"/app/class", "/app/class/" + layla} {
			p := c.get(path)
			require.Equal(t, http.StatusOK, p.status, p.body)
			titled := 0
			for _, m := range bdi.FindAllStringSubmatch(p.body, -1) {
				text := html.UnescapeString(m[1])
				require.False(t, known[text], "%s (%s) names %q by its id: %s", path, lang, text, p.body[max(0, strings.Index(p.body, "<tbody>")):])
				if names[lang][text] {
					titled++
				}
			}
			require.Positive(t, titled, "%s (%s) shows subject and topic titles", path, lang)
		}
		p := c.get("/app/class/" + layla)
		rows := regexp.MustCompile(`<tr class="topic-row" data-topic="([^"]+)"><td dir="auto">([^<]*)</td>`).FindAllStringSubmatch(p.body, -1)
		require.NotEmpty(t, rows, "the drill-down lists the student's topics")
		for _, r := range rows {
			require.True(t, names[lang][html.UnescapeString(r[2])], "topic %s is shown as %q", r[1], r[2])
		}
	}
}

// A System Manager's purchase list holds every institution's requests, with an institution
// column and filter; an Institution Admin's holds their own institution's only.
func TestASystemManagersPurchaseListHoldsEveryInstitution(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	_, err := srv.App.Shop.Request(ctx, deskWho(t, srv, deskStudent), "item-physics-full", "BANK-OWN")
	require.NoError(t, err)
	other := deskWho(t, srv, "student@other.memora.test")
	inst := "other-school"
	season := "SEASON-2026"
	require.NoError(t, srv.App.Store.SalesItemUpsert(ctx, store.SalesItem{ID: "item-other", InstitutionID: &inst, Name: "Other item",
		SeasonID: &season, PriceCents: 500, IsActive: true, CreatedAt: time.Now()}))
	_, _, err = srv.App.Store.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: other.UserID, ItemID: "item-other",
		Status: store.PurchasePending, PriceCents: 500, TransactionID: "BANK-OTHER", CreatedAt: time.Now()})
	require.NoError(t, err)

	admin := newClient(t, srv)
	admin.signIn(deskAdmin)
	p := admin.get("/app/purchases")
	require.Contains(t, p.body, "BANK-OWN")
	require.NotContains(t, p.body, "BANK-OTHER")
	require.NotContains(t, p.body, `id="purchase-filter"`)

	sm := newClient(t, srv)
	sm.signIn(deskSystem)
	p = sm.get("/app/purchases")
	require.Contains(t, p.body, "BANK-OWN")
	require.Contains(t, p.body, "BANK-OTHER")
	require.Contains(t, p.body, `<td class="request-institution"><span dir="ltr">other-school</span></td>`)
	require.Contains(t, p.body, `<option value="other-school">other-school</option>`)
	p = sm.get("/app/purchases?institution=other-school")
	require.Contains(t, p.body, "BANK-OTHER")
	require.NotContains(t, p.body, "BANK-OWN")
	require.Contains(t, p.body, `href="/app/purchases?status=approved&amp;institution=other-school"`, "the tabs keep the filter")
}
