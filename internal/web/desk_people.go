package web

import (
	"net/http"
	"strings"
	"time"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// deskPeople is the people screen: the institution's join codes, which let students sign up
// at /signup, and the form that makes one.
type deskPeople struct {
	Codes []deskJoinCode
	Done  string
	Form  joinCodeForm
}

type deskJoinCode struct {
	store.JoinCode
	State string
}

// Limit is the code's number of uses (0: unlimited).
func (c deskJoinCode) Limit() int64 {
	if c.MaxUses == nil {
		return 0
	}
	return *c.MaxUses
}

// joinCodeForm is the new-code form as typed, with the problem found in it.
type joinCodeForm struct {
	Code, MaxUses, Days string
	Error               string
	Field               string // the field the error is about
}

func (d *desk) people(rw http.ResponseWriter, r *http.Request) {
	d.peoplePage(rw, r, http.StatusOK, d.flash(r, "code_created", "code_disabled"), joinCodeForm{})
}

func (d *desk) peoplePage(rw http.ResponseWriter, r *http.Request, status int, done string, form joinCodeForm) {
	who := userFrom(r)
	codes, err := d.Identity.ListJoinCodes(r.Context(), who.InstitutionID)
	if err != nil {
		d.serverError(rw, r, err)
		return
	}
	now := d.clock.Now()
	page := deskPeople{Done: done, Form: form}
	for _, c := range codes {
		page.Codes = append(page.Codes, deskJoinCode{JoinCode: c, State: identity.JoinCodeState(c, now)})
	}
	d.show(rw, r, status, "people", "desk.people.title", "desk_people", page)
}

// joinCodeCreate makes a Student join code of the caller's institution.
func (d *desk) joinCodeCreate(rw http.ResponseWriter, r *http.Request) {
	l := d.localizer(r)
	who := userFrom(r)
	form := joinCodeForm{Code: strings.TrimSpace(r.PostFormValue("code")),
		MaxUses: strings.TrimSpace(r.PostFormValue("max_uses")), Days: strings.TrimSpace(r.PostFormValue("days"))}
	n := identity.NewJoinCode{InstitutionID: who.InstitutionID, Code: form.Code, CreatedBy: who.Email}
	// Text fields read by wholeNumber: a number field posts Arabic-Indic digits as an empty
	// value, which would make a code of unlimited uses, or one that never expires.
	if form.MaxUses != "" {
		v, ok := wholeNumber(form.MaxUses)
		if !ok || v < 1 {
			form.Error, form.Field = l.T("desk.people.bad_uses"), "max_uses"
			d.peoplePage(rw, r, http.StatusBadRequest, "", form)
			return
		}
		n.MaxUses = v
	}
	if form.Days != "" {
		v, ok := wholeNumber(form.Days)
		if !ok || v < 1 || v > 3650 {
			form.Error, form.Field = l.T("desk.people.bad_days"), "days"
			d.peoplePage(rw, r, http.StatusBadRequest, "", form)
			return
		}
		n.ExpiresIn = time.Duration(v) * 24 * time.Hour
	}
	c, err := d.Identity.CreateJoinCode(r.Context(), n)
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		form.Error, form.Field = msg, "code"
		d.peoplePage(rw, r, status, "", form)
		return
	}
	http.Redirect(rw, r, "/app/people?done=code_created&code="+c.Code+"#codes", http.StatusSeeOther)
}

// joinCodeDisable stops one of the institution's codes; another institution's code is "not found".
func (d *desk) joinCodeDisable(rw http.ResponseWriter, r *http.Request) {
	who := userFrom(r)
	code := identity.NormalizeJoinCode(r.PathValue("code"))
	codes, err := d.Identity.ListJoinCodes(r.Context(), who.InstitutionID)
	if err != nil {
		d.serverError(rw, r, err)
		return
	}
	found := false
	for _, c := range codes {
		found = found || c.Code == code
	}
	if !found {
		d.fail(rw, r, "people", problem.NotFoundMsg("Join code not found"))
		return
	}
	if err := d.Identity.DisableJoinCode(r.Context(), who.Email, code); err != nil {
		d.fail(rw, r, "people", err)
		return
	}
	http.Redirect(rw, r, "/app/people?done=code_disabled#codes", http.StatusSeeOther)
}
