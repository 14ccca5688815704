package web

// The staff desk at /app: the same pages, catalogue, assets, session and security headers as the
// student app, with navigation by role. Every desk file is named desk_*.go, its templates
// desk_*.html (the partial _desk.html), its script assets/js/desk.js and its messages
// internal/i18n/messages/desk.json. Desk pages call domain services only; a service that
// does not check the caller's role itself is called only from a page whose route is limited
// to the roles the API's authorization table allows for the same operation.

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"memora/internal/audit"
	"memora/internal/authoring"
	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/season"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/teaching"
)

// Desk are the services the staff desk uses beyond the student app's.
type Desk struct {
	Season    *season.Service
	Authoring *authoring.Service
	Teaching  *teaching.Service
	Audit     audit.Log
	// NoSystemManager reports whether no account holds the System Manager role yet: the desk's
	// sign-in page then tells how to create the first one. Nil: never.
	NoSystemManager func(ctx context.Context) (bool, error)
	// RunJob queues a periodic job (auto_archive, retention, reconciliation, partitions,
	// session_sweep) now, audited as done by the caller; nil: no "run now" buttons.
	RunJob func(ctx context.Context, c identity.Caller, name string) (jobs.RunNowResult, error)
	// JobsUI is true when River's dashboard is mounted at /app/jobs/ (linked for System Managers).
	JobsUI bool
	// SRSParams lists a season's fitted FSRS parameters in the caller's institution (shown on
	// the SRS page's active seasons); nil: not shown.
	SRSParams func(ctx context.Context, c identity.Caller, seasonID string) (srsfit.Versions, error)
	// SRSFit pins, resets and enters a season's FSRS parameters (/app/srs/params/…); nil: no
	// such page.
	SRSFit *srsfit.Service
}

// desk serves the staff pages over the web app.
type desk struct {
	*App
	Desk
}

// Staff roles, as the desk's routes and navigation name them.
const (
	roleTeacher = store.RoleTeacher
	roleContent = store.RoleContentManager
	roleAdmin   = store.RoleInstitutionAdmin
	roleSystem  = store.RoleSystemManager
)

// staffRoles are the roles that open the desk at all.
var staffRoles = []string{roleTeacher, roleContent, roleAdmin, roleSystem}

// deskSection is one entry of the desk's navigation: the roles that see it and may open its
// pages (System Managers see everything).
type deskSection struct {
	ID, Path, Label string
	Roles           []string
}

// deskSections is the navigation, in order. Their roles follow the API's authorization table
// for the operations each section performs.
var deskSections = []deskSection{
	{"home", "/app", "desk.nav.home", staffRoles},
	{"class", "/app/class", "desk.nav.class", []string{roleTeacher, roleAdmin, roleSystem}},
	{"content", "/app/content", "desk.nav.content", []string{roleContent, roleAdmin, roleSystem}},
	{"plans", "/app/plans", "desk.nav.plans", []string{roleContent, roleAdmin, roleSystem}},
	{"import", "/app/import", "desk.nav.import", []string{roleContent, roleAdmin, roleSystem}},
	{"purchases", "/app/purchases", "desk.nav.purchases", []string{roleAdmin, roleSystem}},
	{"items", "/app/items", "desk.nav.items", []string{roleAdmin, roleSystem}},
	{"subscriptions", "/app/subscriptions", "desk.nav.subscriptions", []string{roleAdmin, roleSystem}},
	{"users", "/app/users", "desk.nav.users", []string{roleAdmin, roleSystem}},
	{"people", "/app/people", "desk.nav.people", []string{roleAdmin, roleSystem}},
	{"grades", "/app/grades", "desk.nav.grades", []string{roleSystem}},
	{"seasons", "/app/seasons", "desk.nav.seasons", []string{roleSystem}},
	{"srs", "/app/srs", "desk.nav.srs", []string{roleSystem}},
	{"alerts", "/app/alerts", "desk.nav.alerts", []string{roleSystem}},
	{"settings", "/app/settings", "desk.nav.settings", []string{roleAdmin, roleSystem}},
	{"audit", "/app/audit", "desk.nav.audit", []string{roleAdmin, roleSystem}},
}

func sectionRoles(id string) []string {
	for _, s := range deskSections {
		if s.ID == id {
			return s.Roles
		}
	}
	return []string{roleSystem}
}

// MountDesk adds the staff desk's pages under /app to the web app (River's dashboard at
// /app/jobs/ stays the API's).
func (w *App) MountDesk(d Desk) {
	dk := &desk{App: w, Desk: d}
	m := w.mux
	m.HandleFunc("GET /app/login", dk.loginShow)
	m.Handle("GET /app", dk.staff("home", dk.home))
	m.HandleFunc("GET /app/{$}", func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "/app", http.StatusMovedPermanently)
	})
	if d.Authoring != nil {
		m.Handle("GET /app/content", dk.staff("content", dk.content))
		m.Handle("POST /app/content/subjects", dk.staff("content", dk.subjectCreate))
		m.Handle("GET /app/content/subjects/{id}", dk.staff("content", dk.subjectTree))
		m.Handle("POST /app/content/add/{kind}", dk.staff("content", dk.contentAdd))
		m.Handle("POST /app/content/{op}", dk.staff("content", dk.contentChange))
		m.Handle("GET /app/content/lessons/{id}", dk.staff("content", dk.lessonEdit))
		m.Handle("POST /app/content/lessons/{id}/stages", dk.staff("content", dk.stageSave))
		m.Handle("POST /app/content/lessons/{id}/preview", dk.staff("content", dk.lessonPreview))
		m.Handle("GET /app/items", dk.staff("items", dk.items))
		m.Handle("POST /app/items", dk.staff("items", dk.itemCreate))
		m.Handle("POST /app/items/{id}/{op}", dk.staff("items", dk.itemChange))
		m.Handle("GET /app/plans", dk.staff("plans", dk.plans))
		m.Handle("POST /app/plans", dk.staff("plans", dk.planSave))
		m.Handle("POST /app/plans/{id}/delete", dk.staff("plans", dk.planDelete))
		m.Handle("GET /app/grades", dk.staff("grades", dk.grades))
		m.Handle("POST /app/grades/{kind}", dk.staff("grades", dk.gradeSave))
		m.Handle("POST /app/grades/{kind}/{id}/delete", dk.staff("grades", dk.gradeDelete))
		m.Handle("GET /app/import", dk.staff("import", dk.importShow))
		m.Handle("POST /app/import/{op}", dk.staff("import", dk.importRun))
	}
	if d.Teaching != nil {
		m.Handle("GET /app/class", dk.staff("class", dk.class))
		m.Handle("GET /app/class/{id}", dk.staff("class", dk.classStudent))
		m.Handle("POST /app/class/push", dk.staff("class", dk.classPush))
	}
	m.Handle("GET /app/purchases", dk.staff("purchases", dk.purchases))
	m.Handle("POST /app/purchases/{id}/{decision}", dk.staff("purchases", dk.purchaseDecide))
	m.Handle("GET /app/subscriptions", dk.staff("subscriptions", dk.subscriptions))
	m.Handle("POST /app/subscriptions/{id}/revoke", dk.staff("subscriptions", dk.subscriptionRevoke))
	m.Handle("GET /app/users", dk.staff("users", dk.users))
	m.Handle("POST /app/users", dk.staff("users", dk.userAdd))
	m.Handle("POST /app/users/{id}/{op}", dk.staff("users", dk.userChange))
	m.Handle("GET /app/people", dk.staff("people", dk.people))
	m.Handle("POST /app/people/codes", dk.staff("people", dk.joinCodeCreate))
	m.Handle("POST /app/people/codes/{code}/disable", dk.staff("people", dk.joinCodeDisable))
	m.Handle("GET /app/seasons", dk.staff("seasons", dk.seasons))
	m.Handle("POST /app/seasons", dk.staff("seasons", dk.seasonCreate))
	m.Handle("POST /app/seasons/{id}/{op}", dk.staff("seasons", dk.seasonSwitch))
	m.Handle("GET /app/srs", dk.staff("srs", dk.srs))
	m.Handle("POST /app/srs/run/{job}", dk.staff("srs", dk.jobRun))
	m.Handle("POST /app/srs/{op}", dk.staff("srs", dk.srsRun))
	if d.SRSFit != nil {
		m.Handle("GET /app/srs/params/{season}", dk.staff("srs", dk.srsParams))
		m.Handle("POST /app/srs/params/{season}/{op}", dk.staff("srs", dk.srsParamsChange))
	}
	m.Handle("GET /app/alerts", dk.staff("alerts", dk.alerts))
	m.Handle("POST /app/alerts/{id}/ack", dk.staff("alerts", dk.alertAck))
	m.Handle("GET /app/settings", dk.staff("settings", dk.settings))
	m.Handle("POST /app/settings", dk.staff("settings", dk.settingsSave))
	m.Handle("GET /app/audit", dk.staff("audit", dk.auditLog))
}

// staff serves h to signed-in users holding one of the section's roles. A guest goes to the
// desk's sign-in page and comes back; a signed-in user without the role reads why.
func (d *desk) staff(section string, h http.HandlerFunc) http.Handler {
	roles := sectionRoles(section)
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		who, err := d.caller(r)
		if err != nil {
			d.serverError(rw, r, err)
			return
		}
		if who == nil {
			http.Redirect(rw, r, "/app/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		r = r.WithContext(withUser(r.Context(), who))
		if !who.HasRole(roles...) {
			d.show(rw, r, http.StatusForbidden, "", "error.title", "desk_problem", d.localizer(r).T("desk.forbidden"))
			return
		}
		h(rw, r)
	})
}

// isStaff reports whether who may open the desk.
func isStaff(who identity.Principal) bool { return who.HasRole(staffRoles...) }

// deskPage is what every desk template receives as Data: the navigation and the page's own data.
type deskPage struct {
	Links   []deskLink
	Current string
	Jobs    bool // link River's dashboard
	Body    any
}

type deskLink struct {
	Path, Label string
	Current     bool
}

// show renders a desk page of section with body.
func (d *desk) show(rw http.ResponseWriter, r *http.Request, status int, section, titleKey, tmpl string, body any) {
	who := userFrom(r)
	l := d.localizer(r)
	page := deskPage{Current: section, Body: body, Jobs: d.JobsUI && who.HasRole(roleSystem)}
	for _, s := range deskSections {
		if who.HasRole(s.Roles...) {
			page.Links = append(page.Links, deskLink{Path: s.Path, Label: s.Label, Current: s.ID == section})
		}
	}
	d.render(rw, r, status, tmpl, view{L: l, Title: l.T(titleKey), Nav: "desk", Data: page,
		Strings: l.strings(deskScriptKeys...)})
}

// deskScriptKeys are the catalogue entries desk.js reads: its strings, and the errors a rebuild
// may report (shown in the reader's language).
var deskScriptKeys = append([]string{"desk.srs.progress", "desk.srs.status.queued", "desk.srs.status.running",
	"desk.srs.status.completed", "desk.srs.status.failed"}, season.RebuildMessages...)

// problemMessage is what a person reads for a domain error and its status; ok is false for an
// error that is not theirs to fix (then the page is a 500).
func (d *desk) problemMessage(r *http.Request, err error) (string, int, bool) {
	msg, status := d.localizer(r).explain(err)
	return msg, status, msg != ""
}

// fail shows a domain error inside the desk, with its status; any other error is a 500.
func (d *desk) fail(rw http.ResponseWriter, r *http.Request, section string, err error) {
	msg, status, ok := d.problemMessage(r, err)
	if !ok {
		d.serverError(rw, r, err)
		return
	}
	d.show(rw, r, status, section, "error.title", "desk_problem", msg)
}

// flash is a notice a desk page shows after a redirect (?done=key): only keys of the desk's
// catalogue are shown, so a link cannot make the page say anything else.
func (d *desk) flash(r *http.Request, allowed ...string) string {
	key := r.URL.Query().Get("done")
	if key == "" || !slices.Contains(allowed, key) {
		return ""
	}
	return d.localizer(r).T("desk.done." + key)
}

// digit is c's value as an ASCII, Arabic-Indic (٠–٩) or Eastern Arabic-Indic (۰–۹) digit, -1
// when it is none.
func digit(c rune) rune {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= '٠' && c <= '٩':
		return c - '٠'
	case c >= '۰' && c <= '۹':
		return c - '۰'
	}
	return -1
}

// wholeNumber reads a whole number as staff type it: in ASCII digits, Arabic-Indic (٠–٩) or
// Eastern Arabic-Indic (۰–۹) ones, with or without grouping separators ("1,000", "١٬٠٠٠") or
// spaces. Anything else, a sign or a fraction included, is not one. Desk fields that take a
// count are text fields with inputmode="numeric" for this: a browser's number field drops
// Arabic-Indic digits silently (it submits an empty value) and cannot show the page's digits.
// Invisible direction marks, which come along with a number copied from an Arabic page, are
// passed over (withoutDirectionMarks).
func wholeNumber(s string) (int64, bool) {
	var b []byte
	for _, c := range withoutDirectionMarks(s) {
		switch d := digit(c); {
		case d >= 0:
			b = append(b, byte('0'+d))
		case c == ',' || c == '٬' || c == ' ' || c == '\u00a0' || c == '\u202f':
		default:
			return 0, false
		}
	}
	if len(b) == 0 || len(b) > 15 {
		return 0, false
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	return n, err == nil
}

// decimalNumber reads a decimal number as staff type it (a price, a retention, a weight): in
// ASCII, Arabic-Indic (٠–٩) or Eastern Arabic-Indic (۰–۹) digits, with "." or the Arabic
// decimal separator "٫" (U+066B) before the fraction (".9" and "٫٩" are 0.9). The whole part
// may be grouped in threes by the Arabic thousands separator "٬" (U+066C), by "," or by spaces,
// one kind of mark in a number; a grouping that is not in threes ("٠٬٩", a slip for "٠٫٩")
// is not read as one. A comma is also a decimal comma ("19,50", "0,9", "1 200,50") where it
// cannot be grouping and follows no grouping but spaces ("١٬٢٠٠,٣" looks like "1,200,3");
// one that could be either ("1,200": 1200 or 1.2) is refused rather than guessed. No sign,
// exponent or other character is taken: every decimal the desk asks for is at least 0. Desk
// fields that take one are text fields with inputmode="decimal", for the reason wholeNumber
// gives, showing their value in the page's digits (decimalText). Invisible direction marks are
// passed over, as wholeNumber does.
func decimalNumber(s string) (float64, bool) {
	const (
		point = '.' // "." or "٫"
		comma = ',' // "," (grouping or a decimal comma)
		space = ' ' // a space of any width
		arab  = 'g' // "٬", only ever grouping
	)
	groups := []string{""} // the runs of ASCII digits between the marks
	var marks []rune
	digits := 0
	for _, c := range strings.TrimSpace(withoutDirectionMarks(s)) {
		d := digit(c)
		switch {
		case d >= 0:
		case c == '.' || c == '٫':
			marks = append(marks, point)
		case c == ',':
			marks = append(marks, comma)
		case c == '٬':
			marks = append(marks, arab)
		case c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\u2009':
			marks = append(marks, space)
		default:
			return 0, false
		}
		if d < 0 {
			groups = append(groups, "")
			continue
		}
		if digits++; digits > 30 {
			return 0, false
		}
		groups[len(groups)-1] += string('0' + d)
	}
	n := len(marks)
	for i, g := range groups { // a mark stands between digits; only a point may come first
		if g == "" && (i > 0 || n == 0 || marks[0] != point) {
			return 0, false
		}
	}
	whole := func(k int) (string, bool) { // groups[:k+1] as one whole number, its marks[:k] grouping
		if k == 0 {
			return cmp.Or(groups[0], "0"), true
		}
		if groups[0] == "" || len(groups[0]) > 3 || groups[0][0] == '0' {
			return "", false
		}
		for i := 1; i <= k; i++ {
			if len(groups[i]) != 3 || marks[i-1] != marks[0] || marks[i-1] == point {
				return "", false
			}
		}
		return strings.Join(groups[:k+1], ""), true
	}
	var num string
	switch p := slices.Index(marks, point); {
	case p >= 0: // a point: the fraction follows it, and nothing else may
		w, ok := whole(p)
		if !ok || p != n-1 {
			return 0, false
		}
		num = w + "." + groups[n]
	case n > 0 && marks[n-1] == comma && slices.Index(marks, comma) == n-1: // one comma, the last mark
		asGrouping, grouped := whole(n)
		w, ok := whole(n - 1)
		ok = ok && (n == 1 || marks[0] == space) // "١٬٢٠٠,٣٠٠" looks like "1,200,300": not 1200.3
		switch {
		case ok && grouped: // "1,200": either reading, so neither
			return 0, false
		case ok:
			num = w + "." + groups[n]
		case grouped:
			num = asGrouping
		default:
			return 0, false
		}
	default:
		w, ok := whole(n)
		if !ok {
			return 0, false
		}
		num = w
	}
	f, err := strconv.ParseFloat(num, 64)
	return f, err == nil
}

// withoutDirectionMarks is s without the invisible marks that set the direction of text: the
// left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C), the embeddings,
// overrides and their end (U+202A–U+202E) and the isolates (U+2066–U+2069). A number copied
// from an Arabic page often brings some along, unseen in the field it is pasted into.
func withoutDirectionMarks(s string) string {
	return strings.Map(func(c rune) rune {
		switch {
		case c == '\u200e' || c == '\u200f' || c == '\u061c', c >= '\u202a' && c <= '\u202e', c >= '\u2066' && c <= '\u2069':
			return -1
		}
		return c
	}, s)
}

// decimalText writes f for a decimal field in lang's digits ("0.9" or "٠٫٩"), shortest first:
// no exponent, which decimalNumber would not read back.
func decimalText(l Localizer, f float64) string {
	return i18n.Digits(l.Lang, strconv.FormatFloat(f, 'f', -1, 64))
}
