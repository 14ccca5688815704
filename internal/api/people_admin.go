package api

import (
	"net/http"
	"strings"
	"time"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
)

const msgPeopleStaff = "You don't have permission to manage people. This action requires the Institution Admin role."

// People administration (identity's staff methods): users, roles, reset links, join codes
// and the institution's settings, for Institution Admins (System Managers: any institution).
func (a *API) registerPeopleAdmin(rt *httpx.Router) {
	acc := adminStaff.refusing(msgPeopleStaff)
	a.readAs(rt, "people", "get_users", "Users of the institution with their roles (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			limit, err := p.Int("limit", 100)
			if err != nil {
				return nil, err
			}
			return a.Identity.Users(r.Context(), caller(r, who), identity.UserQuery{Institution: strings.TrimSpace(p.String("institution")),
				Search: p.String("search"), Limit: limit})
		})
	a.mutationAs(rt, "people", "create_user", "Create an account without a password (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			roles, err := listParam(p, "roles")
			if err != nil {
				return nil, err
			}
			return a.Identity.AddUser(r.Context(), caller(r, who), identity.NewStaffUser{Institution: strings.TrimSpace(p.String("institution")),
				Email: p.String("email"), FullName: p.String("full_name"), Roles: roles})
		})
	a.mutationAs(rt, "people", "set_user_enabled", "Disable (ending every session) or enable an account (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := userID(p)
			if err != nil {
				return nil, err
			}
			enabled, err := p.Bool("enabled")
			if err != nil {
				return nil, err
			}
			return a.Identity.SetUserEnabled(r.Context(), caller(r, who), id, enabled)
		})
	a.mutationAs(rt, "people", "set_user_role", "Grant or remove a role (Institution Admin; System Manager role: System Manager)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := userID(p)
			if err != nil {
				return nil, err
			}
			role, err := requiredParam(p, "role")
			if err != nil {
				return nil, err
			}
			grant := true
			if p.Has("grant") {
				if grant, err = p.Bool("grant"); err != nil {
					return nil, err
				}
			}
			return a.Identity.SetUserRole(r.Context(), caller(r, who), id, role, grant)
		})
	a.mutationAs(rt, "people", "issue_password_reset", "A one-time link with which the user sets a password (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := userID(p)
			if err != nil {
				return nil, err
			}
			return a.Identity.IssuePasswordReset(r.Context(), caller(r, who), id, a.opts.SiteURL+ResetPagePath)
		})
	a.readAs(rt, "people", "get_join_codes", "The institution's join codes for the student sign-up (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Identity.StaffJoinCodes(r.Context(), caller(r, who), strings.TrimSpace(p.String("institution")))
		})
	a.mutationAs(rt, "people", "create_join_code", "Create a join code (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			maxUses, err := p.Int("max_uses", 0)
			if err != nil {
				return nil, err
			}
			days, err := p.Int("expires_in_days", 0)
			if err != nil {
				return nil, err
			}
			return a.Identity.StaffCreateJoinCode(r.Context(), caller(r, who), identity.NewJoinCode{
				InstitutionID: strings.TrimSpace(p.String("institution")), Code: p.String("code"), MaxUses: int64(maxUses),
				ExpiresIn: time.Duration(days) * 24 * time.Hour})
		})
	a.mutationAs(rt, "people", "disable_join_code", "Disable a join code for good (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			code, err := requiredParam(p, "code")
			if err != nil {
				return nil, err
			}
			return a.Identity.StaffDisableJoinCode(r.Context(), caller(r, who), code)
		})
	a.readAs(rt, "people", "get_user_data", "Everything Memora holds about a user, as one JSON document (Institution Admin; audited)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := userID(p)
			if err != nil {
				return nil, err
			}
			return a.Staff.Privacy.Export(r.Context(), caller(r, who), id)
		})
	a.mutationAs(rt, "people", "erase_user", "Erase a user and all their data; audit entries stay, anonymised (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := userID(p)
			if err != nil {
				return nil, err
			}
			return a.Staff.Privacy.Erase(r.Context(), caller(r, who), id)
		})
	a.readAs(rt, "people", "get_institution", "The institution's settings: names, time zone, logo, currency and payment instructions (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Identity.InstitutionSettings(r.Context(), caller(r, who), strings.TrimSpace(p.String("institution")))
		})
	a.mutationAs(rt, "people", "update_institution", "Change the institution's names, time zone, logo, currency and payment instructions; currency, payment_note and payment_note_en keep their value when not sent (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			in := identity.InstitutionView{
				ID: strings.TrimSpace(p.String("institution")), Name: p.String("name"), NameEn: p.String("name_en"),
				TimeZone: p.String("time_zone"), LogoURL: p.String("logo_url"), Currency: p.String("currency"),
				PaymentNote: p.String("payment_note"), PaymentNoteEn: p.String("payment_note_en")}
			if err := a.keepPayment(r, p, who, &in); err != nil {
				return nil, err
			}
			return a.Identity.UpdateInstitutionSettings(r.Context(), caller(r, who), in)
		})
}

// keepPayment fills the currency and payment instructions a call to update_institution left
// out with their stored values: a client written before they existed does not clear them.
func (a *API) keepPayment(r *http.Request, p httpx.Params, who identity.Principal, in *identity.InstitutionView) error {
	if p.Has("currency") && p.Has("payment_note") && p.Has("payment_note_en") {
		return nil
	}
	cur, err := a.Identity.InstitutionSettings(r.Context(), caller(r, who), in.ID)
	if err != nil {
		return err
	}
	if !p.Has("currency") {
		in.Currency = cur.Currency
	}
	if !p.Has("payment_note") {
		in.PaymentNote = cur.PaymentNote
	}
	if !p.Has("payment_note_en") {
		in.PaymentNoteEn = cur.PaymentNoteEn
	}
	return nil
}

// userID is the required user_id parameter.
func userID(p httpx.Params) (int64, error) {
	id, err := p.Int("user_id", 0)
	if err != nil {
		return 0, err
	}
	if id <= 0 {
		return 0, problem.Invalidf(msgRequired, "name", "user_id")
	}
	return int64(id), nil
}

// listParam reads a list sent as a JSON array or as comma-separated text.
func listParam(p httpx.Params, name string) ([]string, error) {
	raw := strings.TrimSpace(p.String(name))
	if raw == "" {
		return nil, nil
	}
	var list []string
	if strings.HasPrefix(raw, "[") {
		if err := p.JSON(name, &list); err != nil {
			return nil, err
		}
	} else {
		list = strings.Split(raw, ",")
	}
	out := list[:0]
	for _, v := range list {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out, nil
}
