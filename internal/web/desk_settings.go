package web

import (
	"net/http"
	"strings"

	"memora/internal/i18n"
	"memora/internal/identity"
)

// deskSettings is the institution settings screen: names, time zone (the one clock of
// streaks, quests and leaderboards), logo, and what the store tells students about paying:
// the currency of its prices and the payment instructions in both languages.
type deskSettings struct {
	Form        identity.InstitutionView
	Error, Done string
	// Field is the form field Error is about (the name of its input), marked invalid.
	Field string
	// NoteMax bounds each payment note, in characters.
	NoteMax int
	// Currencies are the codes the currency field suggests.
	Currencies []string
}

func settingsForm(in identity.InstitutionView) deskSettings {
	return deskSettings{Form: in, NoteMax: identity.PaymentNoteMax, Currencies: i18n.RegionCurrencies()}
}

func (d *desk) settings(rw http.ResponseWriter, r *http.Request) {
	in, err := d.Identity.InstitutionSettings(r.Context(), callerOf(r), "")
	if err != nil {
		d.fail(rw, r, "settings", err)
		return
	}
	page := settingsForm(in)
	page.Done = d.flash(r, "settings_saved")
	d.show(rw, r, http.StatusOK, "settings", "desk.settings.title", "desk_settings", page)
}

func (d *desk) settingsSave(rw http.ResponseWriter, r *http.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	in := identity.InstitutionView{Name: v("name"), NameEn: v("name_en"), TimeZone: v("time_zone"), LogoURL: v("logo_url"),
		Currency: v("currency"), PaymentNote: r.PostFormValue("payment_note"), PaymentNoteEn: r.PostFormValue("payment_note_en")}
	if _, err := d.Identity.UpdateInstitutionSettings(r.Context(), callerOf(r), in); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page := settingsForm(in)
		page.Error, page.Field = msg, identity.InstitutionSettingsField(err)
		d.show(rw, r, status, "settings", "desk.settings.title", "desk_settings", page)
		return
	}
	http.Redirect(rw, r, "/app/settings?done=settings_saved", http.StatusSeeOther)
}
