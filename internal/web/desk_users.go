package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// deskUsers is the users part of the people screen: the institution's accounts with their
// roles, the form that adds one, and the one-time password link just issued.
type deskUsers struct {
	Search string
	Users  []identity.UserView
	Roles  []string // the roles the reader may grant
	// Form is the add form as typed, with its refusal (shown in the form, by the address).
	Form  struct{ Email, FullName, Role, Error string }
	Error string
	Done  string
	Reset *identity.ResetLink
}

// Grantable are the roles the reader may grant that u does not have yet.
func (p deskUsers) Grantable(u identity.UserView) []string {
	var out []string
	for _, r := range p.Roles {
		if !slices.Contains(u.Roles, r) {
			out = append(out, r)
		}
	}
	return out
}

// Removable reports whether the reader (me) may remove u's role: one they may grant, and not
// their own admin role.
func (p deskUsers) Removable(u identity.UserView, role string, me int64) bool {
	return slices.Contains(p.Roles, role) &&
		(u.ID != me || (role != store.RoleInstitutionAdmin && role != store.RoleSystemManager))
}

// grantable are the roles who may grant: only System Managers grant System Manager.
func grantable(who *identity.Principal) []string {
	out := []string{store.RoleStudent, store.RoleTeacher, store.RoleContentManager, store.RoleInstitutionAdmin}
	if who.HasRole(roleSystem) {
		out = append(out, roleSystem)
	}
	return out
}

func (d *desk) users(rw http.ResponseWriter, r *http.Request) {
	d.usersPage(rw, r, http.StatusOK, deskUsers{Search: strings.TrimSpace(r.URL.Query().Get("q")),
		Done: d.flash(r, "user_added", "user_enabled", "user_disabled", "role_granted", "role_removed")}, nil)
}

func (d *desk) usersPage(rw http.ResponseWriter, r *http.Request, status int, page deskUsers, reset *identity.ResetLink) {
	var err error
	page.Users, err = d.Identity.Users(r.Context(), callerOf(r), identity.UserQuery{Search: page.Search, Limit: 500})
	if err != nil {
		d.fail(rw, r, "users", err)
		return
	}
	page.Roles, page.Reset = grantable(userFrom(r)), reset
	d.show(rw, r, status, "users", "desk.users.title", "desk_users", page)
}

func (d *desk) userAdd(rw http.ResponseWriter, r *http.Request) {
	var page deskUsers
	page.Form.Email, page.Form.FullName = strings.TrimSpace(r.PostFormValue("email")), strings.TrimSpace(r.PostFormValue("full_name"))
	page.Form.Role = r.PostFormValue("role")
	n := identity.NewStaffUser{Email: page.Form.Email, FullName: page.Form.FullName}
	if page.Form.Role != "" {
		n.Roles = []string{page.Form.Role}
	}
	if _, err := d.Identity.AddUser(r.Context(), callerOf(r), n); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page.Form.Error = msg
		d.usersPage(rw, r, status, page, nil)
		return
	}
	http.Redirect(rw, r, "/app/users?done=user_added&q="+url.QueryEscape(page.Form.Email), http.StatusSeeOther)
}

// userChange enables or disables an account, grants or removes a role, or issues a one-time
// password link (shown once, on the page that answers).
func (d *desk) userChange(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.notFoundPage(rw, r)
		return
	}
	ctx, c := r.Context(), callerOf(r)
	var done string
	switch r.PathValue("op") {
	case "enable", "disable":
		enable := r.PathValue("op") == "enable"
		_, err = d.Identity.SetUserEnabled(ctx, c, id, enable)
		done = map[bool]string{true: "user_enabled", false: "user_disabled"}[enable]
	case "grant", "remove":
		grant, role := r.PathValue("op") == "grant", r.PostFormValue("role")
		if !grant && !d.holds(r, id, role) {
			err = problem.InvalidMsg(d.localizer(r).T("desk.users.role_not_held", "role", d.localizer(r).T("desk.role."+role)))
			break
		}
		if !grant && !confirmed(r, role) { // a removal asks first, as every destructive desk action does
			err = d.notConfirmed(r)
			break
		}
		_, err = d.Identity.SetUserRole(ctx, c, id, role, grant)
		done = map[bool]string{true: "role_granted", false: "role_removed"}[grant]
	case "reset":
		var link identity.ResetLink
		if link, err = d.Identity.IssuePasswordReset(ctx, c, id, d.opts.SiteURL+resetPath); err == nil {
			d.usersPage(rw, r, http.StatusOK, deskUsers{Search: link.Email}, &link)
			return
		}
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.usersPage(rw, r, status, deskUsers{Error: msg, Search: r.PostFormValue("q")}, nil)
		return
	}
	http.Redirect(rw, r, "/app/users?done="+done+"&q="+url.QueryEscape(r.PostFormValue("q"))+"#user-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// holds reports whether user id holds role: a role is removed only from one who has it (the
// form names the user's address, to find them among the reader's users).
func (d *desk) holds(r *http.Request, id int64, role string) bool {
	email := strings.TrimSpace(r.PostFormValue("email"))
	if email == "" || role == "" {
		return false
	}
	users, err := d.Identity.Users(r.Context(), callerOf(r), identity.UserQuery{Search: email, Limit: 500})
	if err != nil {
		return false
	}
	for _, u := range users {
		if u.ID == id {
			return slices.Contains(u.Roles, role)
		}
	}
	return false
}
