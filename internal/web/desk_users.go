package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"memora/internal/identity"
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
		grant := r.PathValue("op") == "grant"
		_, err = d.Identity.SetUserRole(ctx, c, id, r.PostFormValue("role"), grant)
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
