package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/config"
	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/redistest"
	"memora/internal/season"
	"memora/internal/store"
	"memora/internal/webtest"
)

const (
	deskAdmin   = "admin@demo.memora.test"
	deskSystem  = "system@demo.memora.test"
	deskTeacher = "teacher@demo.memora.test"
	deskStudent = "layla@demo.memora.test"
)

// deskTab is a browser tab signed in as email (none: a guest) reading the given language.
func deskTab(t *testing.T, srv *webtest.Server, email, lang string) context.Context {
	t.Helper()
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	deskCookie(t, ctx, srv, i18n.CookieName, lang)
	if email != "" {
		deskCookie(t, ctx, srv, "sid", srv.SID(t, email))
	}
	return ctx
}

// deskTabOn is deskTab at a device's width: "phone" or "desktop".
func deskTabOn(t *testing.T, srv *webtest.Server, email, lang, device string) context.Context {
	t.Helper()
	ctx := deskTab(t, srv, email, lang)
	if device == "phone" {
		webtest.Phone(t, ctx)
	}
	return ctx
}

func deskCookie(t *testing.T, ctx context.Context, srv *webtest.Server, name, value string) {
	t.Helper()
	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: srv.URL + "/", Path: "/"})
	require.NoError(t, err)
}

func deskEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr))
	require.NoError(t, err, expr)
	var out T
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return out
}

func deskWho(t *testing.T, srv *webtest.Server, email string) identity.Principal {
	t.Helper()
	who, err := srv.App.Identity.AuthenticateSession(context.Background(), srv.SID(t, email))
	require.NoError(t, err)
	return who
}

// premiumNodes counts the crowned (locked_premium) nodes of a subject's map as the student sees it.
func premiumNodes(t *testing.T, ctx context.Context, srv *webtest.Server, subject string) int {
	t.Helper()
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/subjects/"+subject), chromedp.WaitVisible(chromedp.CSS(".path")))
	return deskEval[int](t, ctx, `document.querySelectorAll('.node.locked_premium').length`)
}

func TestAnAdminApprovesAPurchaseInTheDeskAndTheStudentsMapUnlocks(t *testing.T) {
	srv := webtest.Start(t)
	ctx := context.Background()
	student := deskTab(t, srv, deskStudent, "en")
	require.Positive(t, premiumNodes(t, student, srv, "physics"), "physics is paid and the student has no access")
	_, err := srv.App.Shop.Request(ctx, deskWho(t, srv, deskStudent), "item-physics-full", "BANK-4471")
	require.NoError(t, err)

	admin := deskTab(t, srv, deskAdmin, "en")
	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app"), chromedp.WaitVisible(chromedp.CSS(".desk-nav")))
	webtest.Do(t, admin, chromedp.Click(chromedp.CSS(`.desk-nav a[href="/app/purchases"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.desk-table")))
	row := deskEval[string](t, admin, `[...document.querySelectorAll('table.desk-table tbody tr')].map(tr => tr.textContent.replace(/\s+/g, ' ')).join('|')`)
	require.Contains(t, row, deskStudent)
	require.Contains(t, row, "BANK-4471")
	webtest.Screenshot(t, admin, "desk-purchases-en-desktop")
	webtest.Do(t, admin, chromedp.Click(chromedp.CSS(`table.desk-table form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role=status]`)))
	require.Contains(t, deskEval[string](t, admin, `document.querySelector('p.notice').textContent`), "Request approved")
	require.True(t, deskEval[bool](t, admin, `!document.querySelector('table.desk-table')`), "the queue is empty")
	webtest.RequireNoSeriousAxe(t, admin, "desk purchases after approval, en")

	require.Zero(t, premiumNodes(t, student, srv, "physics"), "the approved subject is open on the student's map")
	subs, err := srv.App.Store.SubscriptionsByUser(ctx, deskWho(t, srv, deskStudent).UserID)
	require.NoError(t, err)
	found := false
	for _, s := range subs {
		found = found || s.PurchaseRequestID != nil
	}
	require.True(t, found, "the approval made a subscription")
}

func TestAnAdminCreatesAJoinCodeAndAStudentSignsUpWithIt(t *testing.T) {
	srv := webtest.Start(t)
	admin := deskTab(t, srv, deskAdmin, "ar")
	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app/people"), chromedp.WaitVisible(chromedp.CSS("form[action='/app/people/codes']")),
		chromedp.SendKeys(chromedp.CSS("#code"), "class-10b"),
		chromedp.SendKeys(chromedp.CSS("#max_uses"), "30"),
		chromedp.SendKeys(chromedp.CSS("#days"), "14"),
		chromedp.Click(chromedp.CSS("form[action='/app/people/codes'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.notice[role=status]")))
	codes := deskEval[[]string](t, admin, `[...document.querySelectorAll('code.join-code')].map(c => c.textContent)`)
	require.Contains(t, codes, "CLASS10B", "the code is stored normalized and listed")
	require.Contains(t, deskEval[string](t, admin, `document.querySelector('p.notice').textContent`), "أُنشئ رمز الانضمام")
	webtest.RequireNoSeriousAxe(t, admin, "desk people, ar")
	webtest.Screenshot(t, admin, "desk-people-ar-desktop")

	// A bad number of uses is refused in place, naming the field, and creates nothing.
	webtest.Do(t, admin, chromedp.SendKeys(chromedp.CSS("#max_uses"), "0"),
		chromedp.Click(chromedp.CSS("form[action='/app/people/codes'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#code-error")))
	require.Equal(t, "true", deskEval[string](t, admin, `document.querySelector('#max_uses').getAttribute('aria-invalid')`))
	require.Len(t, deskEval[[]string](t, admin, `[...document.querySelectorAll('code.join-code')].map(c => c.textContent)`), len(codes))

	guest := deskTab(t, srv, "", "en")
	webtest.Do(t, guest, chromedp.Navigate(srv.URL+"/signup"), chromedp.WaitVisible(chromedp.CSS("form[action='/signup']")),
		chromedp.SendKeys(chromedp.CSS("#join_code"), "class10b"),
		chromedp.SendKeys(chromedp.CSS("#full_name"), "Dana Haddad"),
		chromedp.SendKeys(chromedp.CSS("#email"), "dana@school.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), "a long pass phrase 42"),
		chromedp.Click(chromedp.CSS("form[action='/signup'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("fieldset.choices")))
	u, err := srv.App.Store.UserGetByEmail(context.Background(), "dana@school.test")
	require.NoError(t, err)
	require.Equal(t, "demo-academy", u.InstitutionID, "the code's institution")

	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app/people"), chromedp.WaitVisible(chromedp.CSS("table.join-codes")))
	uses := deskEval[string](t, admin, `[...document.querySelectorAll('table.join-codes tr')].find(tr => tr.textContent.includes('CLASS10B')).cells[2].textContent`)
	require.Equal(t, "١ / ٣٠", uses, "the sign-up used the code once")
}

// A failed attempt of a rebuild is retried by its job: the page shows the failure with its
// error, keeps following the rebuild (every 10 s), drops the error when the retry runs, and
// shows the rebuild completed when it is (it used to stop following at the failure).
func TestTheSRSPageFollowsAFailedRebuildUntilItsRetryCompletes(t *testing.T) {
	srv := webtest.Start(t)
	ctx := context.Background()
	rb := store.CacheRebuild{SeasonID: "SEASON-2026", Status: store.RebuildRunning, Total: 100, Processed: 10,
		StartedAt: time.Now().UTC()}
	var err error
	rb.ID, err = srv.App.Store.RebuildInsert(ctx, rb)
	require.NoError(t, err)
	li := fmt.Sprintf(`.rebuild[data-rebuild="%d"]`, rb.ID)
	update := func(status, msg string, processed int64) {
		t.Helper()
		rb.Status, rb.Error, rb.Processed = status, msg, processed
		require.NoError(t, srv.App.Store.RebuildUpdate(ctx, rb))
	}

	sm := deskTab(t, srv, deskSystem, "en")
	ar := deskTab(t, srv, deskSystem, "ar")
	for _, tab := range []context.Context{sm, ar} {
		webtest.Do(t, tab, chromedp.Navigate(srv.URL+"/app/srs"), chromedp.WaitVisible(chromedp.CSS(li+"[data-live]")))
	}
	msg := "The rebuild failed and will be retried; see the server log."
	update(store.RebuildFailed, msg, 40)
	webtest.Do(t, sm, chromedp.WaitVisible(chromedp.CSS(li+`[data-state="failed"] p.alert`)))
	alert := fmt.Sprintf(`document.querySelector('%s p.alert').textContent`, li)
	require.Equal(t, msg, deskEval[string](t, sm, alert))
	// In Arabic the error is shown in Arabic, as the script follows it and as the page renders it.
	arabic := i18n.MustLoad().T(i18n.Arabic, msg)
	require.NotEqual(t, msg, arabic)
	webtest.Do(t, ar, chromedp.WaitVisible(chromedp.CSS(li+`[data-state="failed"] p.alert`)))
	require.Equal(t, arabic, deskEval[string](t, ar, alert))
	webtest.Do(t, ar, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(li+` p.alert`)))
	require.Equal(t, arabic, deskEval[string](t, ar, alert))
	update(store.RebuildRunning, "", 60)
	webtest.Do(t, sm, chromedp.WaitVisible(chromedp.CSS(li+`[data-state="running"]`)))
	require.Equal(t, 0, deskEval[int](t, sm, fmt.Sprintf(`document.querySelectorAll('%s p.alert').length`, li)),
		"the failure's error is gone once the retry runs")
	now := time.Now().UTC()
	rb.FinishedAt = &now
	update(store.RebuildCompleted, "", 100)
	webtest.Do(t, sm, chromedp.WaitVisible(chromedp.CSS(li+`[data-state="completed"]`)))
	require.Equal(t, 100, deskEval[int](t, sm, fmt.Sprintf(`document.querySelector('%s progress').value`, li)))
}

func TestASystemManagerRunsACacheRebuildAndSeesTheProgressReachAHundredPercent(t *testing.T) {
	redisURL := redistest.URL(t)
	id := redistest.Season(t) // first: its keys are dropped after the server and worker stopped writing them
	srv := webtest.Start(t, webtest.WithWorker(), webtest.WithConfig(func(c *config.Config) {
		parsed, err := config.Parse(map[string]string{"MEMORA_REDIS_URL": redisURL})
		require.NoError(t, err)
		c.RedisURL, c.Redis = parsed.RedisURL, parsed.Redis
	}))
	ctx := context.Background()
	start := time.Now().UTC().Truncate(24 * time.Hour)
	end := start.AddDate(0, 6, 0)
	yes, title := true, "Rebuild test"
	_, err := srv.App.Season.Create(ctx, season.Actor{}, season.Input{ID: id, Title: &title, StartDate: &start, EndDate: &end, EnableRedis: &yes})
	require.NoError(t, err)
	var rows []store.MemoryState
	layla := deskWho(t, srv, deskStudent).UserID
	for i := range 1200 {
		rows = append(rows, store.MemoryState{UserID: layla, SeasonID: id, QuestionID: fmt.Sprintf("q-%04d", i),
			Stability: 2, State: 2, Level: 2, Due: start.Add(time.Duration(i) * time.Minute), Reps: 1, CreatedAt: start, UpdatedAt: start})
	}
	require.NoError(t, srv.App.Store.MemoryUpsert(ctx, rows))

	sm := deskTab(t, srv, deskSystem, "en")
	webtest.Do(t, sm, chromedp.Navigate(srv.URL+"/app/srs"), chromedp.WaitVisible(chromedp.CSS("#cache-h")))
	webtest.Do(t, sm, chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/app/srs/rebuild"]:has(input[value=%q]) button`, id))),
		chromedp.WaitVisible(chromedp.CSS(".rebuild")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('p.notice').textContent`), "Cache rebuild started")
	if err := chromedp.Do(sm, chromedp.WaitVisible(chromedp.CSS(`.rebuild[data-state="completed"]`))); err != nil {
		// Say where the rebuild stood: never run (queued), retried after errors, or done with
		// the page not told.
		rebuilds, lerr := srv.App.Store.RebuildLatest(ctx)
		t.Fatalf("the rebuild did not show as completed: %v; the latest rebuilds: %+v (%v)", err, rebuilds, lerr)
	}
	got := deskEval[struct {
		Value  int    `json:"value"`
		Text   string `json:"text"`
		Status string `json:"status"`
	}](t, sm, `(() => { const li = document.querySelector('.rebuild'); return {value: li.querySelector('progress').value,
		text: li.querySelector('.rebuild-text').textContent, status: li.querySelector('.rebuild-status').textContent}; })()`)
	require.Equal(t, 100, got.Value)
	require.Equal(t, "1,200 of 1,200 records · 100%", got.Text)
	require.Equal(t, "Completed", got.Status)
	webtest.RequireNoConsoleErrors(t, sm)
	webtest.RequireNoSeriousAxe(t, sm, "desk srs after a rebuild, en")
	webtest.Screenshot(t, sm, "desk-srs-en-desktop")
}

// Archive and delete are refused unless the season's name is typed again; a refusal changes nothing.
func TestArchivingASeasonNeedsItsNameTypedAgain(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, deskSystem)
	post := func(name, confirm string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/app/srs/archive",
			strings.NewReader("season="+name+"&confirm="+confirm))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		req.AddCookie(&http.Cookie{Name: "sid", Value: sid})
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	before, err := srv.App.Season.Status(context.Background(), "SEASON-2025")
	require.NoError(t, err)
	status, body := post("SEASON-2025", "SEASON-2026")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "Type the season&#39;s name exactly to confirm.")
	after, err := srv.App.Season.Status(context.Background(), "SEASON-2025")
	require.NoError(t, err)
	require.Equal(t, before, after)

	status, body = post("SEASON-2025", "SEASON-2025")
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, "records of SEASON-2025 archived.")
}

func TestASystemManagerCreatesASeasonAndMakesItActive(t *testing.T) {
	srv := webtest.Start(t)
	sm := deskTab(t, srv, deskSystem, "en")
	webtest.Do(t, sm, chromedp.Navigate(srv.URL+"/app/seasons"), chromedp.WaitVisible(chromedp.CSS("#new-season")),
		chromedp.SendKeys(chromedp.CSS("#season-id"), "season-2027"),
		chromedp.SendKeys(chromedp.CSS("#season-title"), "العام الدراسي 2027/2028"),
		chromedp.SendKeys(chromedp.CSS("#season-title-en"), "School year 2027/2028"),
		chromedp.SetValue(chromedp.CSS("#season-start"), "2027-09-01"),
		chromedp.SetValue(chromedp.CSS("#season-end"), "2027-08-01"),
		chromedp.Click(chromedp.CSS("#new-season button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#season-error")))
	require.Equal(t, "end_date must not be before start_date.", deskEval[string](t, sm, `document.querySelector('#season-error').textContent`))
	require.Equal(t, "true", deskEval[string](t, sm, `document.querySelector('#season-end').getAttribute('aria-invalid')`))
	require.Equal(t, "School year 2027/2028", deskEval[string](t, sm, `document.querySelector('#season-title-en').value`), "the form keeps what was typed")
	_, err := srv.App.Season.Status(context.Background(), "SEASON-2027")
	require.Error(t, err, "a refused season is not created")

	webtest.Do(t, sm, chromedp.SetValue(chromedp.CSS("#season-end"), "2028-06-30"),
		chromedp.Click(chromedp.CSS("#new-season button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#season-SEASON-2027")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('p.notice').textContent`), "Season created")
	webtest.Do(t, sm, chromedp.Click(chromedp.CSS(`form[action="/app/seasons/SEASON-2027/activate"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/app/seasons/SEASON-2027/end"]`)))
	list, err := srv.App.Season.List(context.Background())
	require.NoError(t, err)
	for _, s := range list {
		require.Equal(t, s.Name == "SEASON-2027", s.IsActive, s.Name)
	}
	webtest.RequireNoSeriousAxe(t, sm, "desk seasons, en")
}

// An admin adds a teacher, grants them a second role and hands them a one-time password link;
// with it the teacher sets a password and signs in to the desk.
func TestAnAdminAddsATeacherAndTheTeacherSignsInWithTheirPasswordLink(t *testing.T) {
	srv := webtest.Start(t)
	admin := deskTab(t, srv, deskAdmin, "en")
	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app/users"), chromedp.WaitVisible(chromedp.CSS("#new-user")),
		chromedp.SendKeys(chromedp.CSS("#new-email"), "rami@demo.memora.test"),
		chromedp.SendKeys(chromedp.CSS("#new-name"), "Rami Odeh"),
		chromedp.SetValue(chromedp.CSS("#new-role"), "Teacher"),
		chromedp.Click(chromedp.CSS("#new-user button[type=submit]")),
		// the new user's row: the list before the submit has other rows, so waiting for any row races
		chromedp.WaitVisible(chromedp.Search(`//li[contains(@class,"user-row")][contains(., "rami@demo.memora.test")]`)))
	require.Equal(t, 1, deskEval[int](t, admin, `document.querySelectorAll('li.user-row').length`), "the list shows the new user")
	require.Equal(t, []string{"Teacher"}, deskEval[[]string](t, admin, `[...document.querySelectorAll('li.user-row .roles .badge')].map(b => b.textContent)`))
	webtest.Do(t, admin, chromedp.SetValue(chromedp.CSS("li.user-row select[name=role]"), "Content Manager"),
		chromedp.Click(chromedp.CSS(`li.user-row form[action$="/grant"] button`)),
		chromedp.WaitVisible(chromedp.Search(`//li[contains(@class,"user-row")]//ul[contains(@class,"roles")]//span[contains(., "Content Manager")]`)))
	require.ElementsMatch(t, []string{"Teacher", "Content Manager"}, deskEval[[]string](t, admin, `[...document.querySelectorAll('li.user-row .roles .badge')].map(b => b.textContent)`))
	require.NotContains(t, deskEval[[]string](t, admin, `[...document.querySelectorAll('li.user-row select[name=role] option')].map(o => o.value)`),
		"System Manager", "an Institution Admin cannot grant System Manager")
	webtest.RequireNoSeriousAxe(t, admin, "desk users, en")
	webtest.Do(t, admin, chromedp.Click(chromedp.CSS(`li.user-row form[action$="/reset"] button`)), chromedp.WaitVisible(chromedp.CSS(".reset-url")))
	link := deskEval[string](t, admin, `document.querySelector('.reset-url').textContent`)
	require.Contains(t, link, "/reset-password?token=")

	teacher := deskTab(t, srv, "", "en")
	u, err := url.Parse(link)
	require.NoError(t, err)
	webtest.Do(t, teacher, chromedp.Navigate(srv.URL+u.RequestURI()), chromedp.WaitVisible(chromedp.CSS("#confirm")),
		chromedp.SendKeys(chromedp.CSS("#password"), "a long pass phrase 42"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "a long pass phrase 42"),
		chromedp.Submit(chromedp.CSS("#confirm")),
		chromedp.WaitVisible(chromedp.CSS("form[action='/login']")),
		chromedp.Navigate(srv.URL+"/app/login"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), "rami@demo.memora.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), "a long pass phrase 42"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(".desk-nav")))
	require.Contains(t, deskEval[[]string](t, teacher, `[...document.querySelectorAll('.desk-nav li a')].map(a => a.getAttribute('href'))`), "/app/content")
}

func TestAnAdminSetsTheInstitutionsTimeZoneAndAWrongOneIsRefusedInPlace(t *testing.T) {
	srv := webtest.Start(t)
	admin := deskTab(t, srv, deskAdmin, "en")
	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app/settings"), chromedp.WaitVisible(chromedp.CSS("#settings")),
		chromedp.SetValue(chromedp.CSS("#inst-zone"), "Mars/Olympus"),
		chromedp.Click(chromedp.CSS("#settings button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#settings-error")))
	require.Contains(t, deskEval[string](t, admin, `document.querySelector('#settings-error').textContent`), "Mars/Olympus")
	require.Equal(t, "Mars/Olympus", deskEval[string](t, admin, `document.querySelector('#inst-zone').value`))
	webtest.Do(t, admin, chromedp.SetValue(chromedp.CSS("#inst-zone"), "Asia/Riyadh"),
		chromedp.Click(chromedp.CSS("#settings button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	loc, err := srv.App.Identity.Location(context.Background(), "demo-academy")
	require.NoError(t, err)
	require.Equal(t, "Asia/Riyadh", loc.String())
}

// Revoking a subscription closes what it opened: the student's map crowns the subject again.
func TestAnAdminRevokesASubscriptionAndTheStudentsMapLocksAgain(t *testing.T) {
	srv := webtest.Start(t)
	student := deskTab(t, srv, deskStudent, "en")
	require.Zero(t, premiumNodes(t, student, srv, "math"), "the demo student's subscription opens mathematics")

	admin := deskTab(t, srv, deskAdmin, "en")
	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app/subscriptions?status=active"), chromedp.WaitVisible(chromedp.CSS("table.subs-table")))
	row := `//table[contains(@class,"subs-table")]//tr[contains(., "` + deskStudent + `")]`
	webtest.Do(t, admin, chromedp.Click(chromedp.Search(row+`//summary`)), chromedp.Click(chromedp.Search(row+`//button[@type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	require.Contains(t, deskEval[string](t, admin, `document.querySelector('p.notice').textContent`), "Subscription revoked")
	require.False(t, deskEval[bool](t, admin, `[...document.querySelectorAll('table.subs-table tr')].some(tr => tr.textContent.includes('`+deskStudent+`'))`),
		"it is no longer among the active ones")

	require.Positive(t, premiumNodes(t, student, srv, "math"), "mathematics is locked again")
}

// "Run now" queues a periodic job for a System Manager (audited), refuses an unknown one, and is
// not offered to anyone else.
func TestASystemManagerRunsAPeriodicJobNow(t *testing.T) {
	srv := webtest.Start(t)
	post := func(email, job string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/app/srs/run/"+job, nil)
		req.Header.Set("Origin", srv.URL)
		req.AddCookie(&http.Cookie{Name: "sid", Value: srv.SID(t, email)})
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	status, body := post(deskSystem, "session_sweep")
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, "Sweep expired sessions: queued as job")
	status, body = post(deskSystem, "no_such_job")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "Unknown job")
	status, _ = post(deskAdmin, "session_sweep")
	require.Equal(t, http.StatusForbidden, status)
	entries, err := srv.App.Audit.List(context.Background(), audit.Query{Action: "jobs.run_now", Limit: 10})
	require.NoError(t, err)
	require.Len(t, entries, 1)
	require.Equal(t, deskSystem, entries[0].ActorEmail)
}

// An admin puts a new item on sale (a wrong price is refused in place, keeping what was typed);
// the student finds it in their store, and no longer once it is taken off sale.
func TestAnAdminPutsAStoreItemOnSaleAndTheStudentSeesIt(t *testing.T) {
	srv := webtest.Start(t)
	admin := deskTab(t, srv, deskAdmin, "en")
	webtest.Do(t, admin, chromedp.Navigate(srv.URL+"/app/items"), chromedp.WaitVisible(chromedp.CSS("#new-item")),
		chromedp.SendKeys(chromedp.CSS("#item-name"), "الفيزياء المكثفة"),
		chromedp.SendKeys(chromedp.CSS("#item-name-en"), "Intensive physics"),
		chromedp.SendKeys(chromedp.CSS("#item-price"), "twelve"),
		chromedp.Click(chromedp.CSS(`#new-item input[name=subject][value=physics]`)),
		chromedp.Click(chromedp.CSS("#new-item button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#item-error")))
	require.Equal(t, "Intensive physics", deskEval[string](t, admin, `document.querySelector('#item-name-en').value`))
	require.True(t, deskEval[bool](t, admin, `document.querySelector('#new-item input[value=physics]').checked`))
	webtest.Do(t, admin, chromedp.SetValue(chromedp.CSS("#item-price"), "12.50"),
		chromedp.Click(chromedp.CSS("#new-item button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	webtest.RequireNoSeriousAxe(t, admin, "desk store items, en")

	student := deskTab(t, srv, deskStudent, "en")
	storeNames := `[...document.querySelectorAll('ul.items li.item h2')].map(h => h.textContent.trim())`
	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/store"), chromedp.WaitVisible(chromedp.CSS("ul.items")))
	require.Contains(t, deskEval[[]string](t, student, storeNames), "Intensive physics")

	row := `//ul[contains(@class,"items-admin")]/li[contains(., "Intensive physics")]`
	webtest.Do(t, admin, chromedp.Click(chromedp.Search(row+`//form[contains(@action,"/deactivate")]//button`)),
		chromedp.WaitVisible(chromedp.Search(row+`//form[contains(@action,"/activate")]`)))
	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/store"), chromedp.WaitVisible(chromedp.CSS("ul.items")))
	require.NotContains(t, deskEval[[]string](t, student, storeNames), "Intensive physics")
}
