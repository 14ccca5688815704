package web

import (
	"strconv"
	"time"

	"memora/internal/i18n"
)

// Localizer is the catalogue in one language, as templates use it:
// {{.L.T "home.streak" "days" 3}}, {{.L.Num 1200}}, {{.L.Pick .Title .TitleEN}}.
type Localizer struct {
	Lang i18n.Lang
	msgs *i18n.Catalog
	zone *time.Location // the viewer's institution clock; nil is UTC
}

// T is the message for key with {name} placeholders filled from name, value pairs.
func (l Localizer) T(key string, args ...any) string { return l.msgs.T(l.Lang, key, args...) }

// Msg translates an English API/domain message into the page's language.
func (l Localizer) Msg(english string) string { return l.msgs.Translate(l.Lang, english) }

// Num formats an integer in the page's language.
func (l Localizer) Num(n any) string { return i18n.FormatValue(l.Lang, n) }

// Dec formats f with places decimals in the page's digits ("0.4700" or "٠٫٤٧٠٠").
func (l Localizer) Dec(f float64, places int) string {
	return i18n.Digits(l.Lang, strconv.FormatFloat(f, 'f', places, 64))
}

// Pct formats a fraction as a percentage.
func (l Localizer) Pct(f float64) string { return i18n.Percent(l.Lang, f) }

// Date formats a day (a date as stored, without converting its clock).
func (l Localizer) Date(t time.Time) string { return i18n.Date(l.Lang, t) }

// Day formats the day an instant falls on by the viewer's institution clock: a purchase made
// at 01:30 in Amman is on that day, not on the day before as UTC has it.
func (l Localizer) Day(t time.Time) string {
	if l.zone != nil {
		t = t.In(l.zone)
	}
	return i18n.Date(l.Lang, t)
}

// ISODay formats a day stored as YYYY-MM-DD (a season's dates) as Date does; anything else is
// shown as it is.
func (l Localizer) ISODay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return i18n.Date(l.Lang, t)
}

// ShortDate formats a day without its year.
func (l Localizer) ShortDate(t time.Time) string { return i18n.ShortDate(l.Lang, t) }

// Pick chooses content's Arabic or English title; an English one that is missing falls back to
// the Arabic.
func (l Localizer) Pick(ar, en string) string {
	if l.Lang == i18n.English && en != "" {
		return en
	}
	if ar == "" {
		return en
	}
	return ar
}

// Dir is "rtl" or "ltr".
func (l Localizer) Dir() string { return l.Lang.Dir() }

// Other is the language the switch offers, and its name in that language.
func (l Localizer) Other() i18n.Lang { return l.Lang.Other() }

// IsArabic reports whether the page is in Arabic.
func (l Localizer) IsArabic() bool { return l.Lang == i18n.Arabic }
