package web

import (
	"net/http"
	"strings"

	"memora/internal/identity"
)

// deskSettings is the institution settings screen: names, time zone (the one clock of
// streaks, quests and leaderboards) and logo.
type deskSettings struct {
	Form        identity.InstitutionView
	Error, Done string
}

func (d *desk) settings(rw http.ResponseWriter, r *http.Request) {
	in, err := d.Identity.InstitutionSettings(r.Context(), callerOf(r), "")
	if err != nil {
		d.fail(rw, r, "settings", err)
		return
	}
	d.show(rw, r, http.StatusOK, "settings", "desk.settings.title", "desk_settings", deskSettings{Form: in, Done: d.flash(r, "settings_saved")})
}

func (d *desk) settingsSave(rw http.ResponseWriter, r *http.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	in := identity.InstitutionView{Name: v("name"), NameEn: v("name_en"), TimeZone: v("time_zone"), LogoURL: v("logo_url")}
	if _, err := d.Identity.UpdateInstitutionSettings(r.Context(), callerOf(r), in); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.show(rw, r, status, "settings", "desk.settings.title", "desk_settings", deskSettings{Form: in, Error: msg})
		return
	}
	http.Redirect(rw, r, "/app/settings?done=settings_saved", http.StatusSeeOther)
}
