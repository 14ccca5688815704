package web

import (
	"net/http"

	"memora/internal/demo"
)

// deskHome is the desk's front page: who is signed in and the sections their roles open.
type deskHome struct {
	Name    string
	Roles   []string
	Cards   []deskLink
	Pending int // purchase requests waiting (Institution Admins)
}

func (d *desk) home(rw http.ResponseWriter, r *http.Request) {
	who := userFrom(r)
	h := deskHome{Name: who.FullName, Roles: who.Roles}
	if h.Name == "" {
		h.Name = who.Email
	}
	for _, s := range deskSections[1:] {
		if who.HasRole(s.Roles...) {
			h.Cards = append(h.Cards, deskLink{Path: s.Path, Label: s.Label})
		}
	}
	if who.HasRole(roleAdmin, roleSystem) {
		reqs, err := d.Shop.Requests(r.Context(), *who, "", "", 500)
		if err != nil {
			d.serverError(rw, r, err)
			return
		}
		h.Pending = len(reqs)
	}
	d.show(rw, r, http.StatusOK, "home", "desk.home.title", "desk_home", h)
}

// deskLogin is the desk's sign-in page: the student sign-in form coming back to the desk, and on
// a fresh installation the command that creates the first System Manager.
type deskLogin struct {
	Next      string
	Bootstrap bool
	Demo      bool
}

// DemoAccount and DemoPassword are the demo's staff account, named on the demo's sign-in page.
func (deskLogin) DemoAccount() string  { return "admin@demo.memora.test" }
func (deskLogin) DemoPassword() string { return demo.Password }

func (d *desk) loginShow(rw http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"))
	if next == "/" {
		next = "/app"
	}
	if who, _ := d.caller(r); who != nil {
		http.Redirect(rw, r, next, http.StatusSeeOther)
		return
	}
	page := deskLogin{Next: next, Demo: d.opts.Demo}
	if d.NoSystemManager != nil && !d.opts.Demo {
		none, err := d.NoSystemManager(r.Context())
		if err != nil {
			d.serverError(rw, r, err)
			return
		}
		page.Bootstrap = none
	}
	l := d.localizer(r)
	d.render(rw, r, http.StatusOK, "desk_login", view{L: l, Title: l.T("desk.login.title"), Data: page})
}
