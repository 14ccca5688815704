package i18n

import (
	"strings"

	"golang.org/x/text/currency"
)

// CurrencyCode reads s as an ISO 4217 currency code (spaces around it and the letters' case do
// not matter) and returns it upper-cased, ok false unless it is the code of a currency that is
// legal tender somewhere today: a typo or an unknown code ("ABC"), a retired one (DEM), and a
// fund, metal or test code (XAU, XXX) are refused.
func CurrencyCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 3 {
		return "", false
	}
	u, err := currency.ParseISO(s)
	if err != nil || u.String() != s {
		return "", false
	}
	for it := currency.Query(); it.Next(); { // the default query: current legal tender
		if it.Unit() == u && it.IsTender() {
			return s, true
		}
	}
	return "", false
}

// CurrencyUnit is how lang writes a currency after an amount: the ISO code in English ("JOD");
// in Arabic the usual abbreviation of the region's currencies ("د.أ" for JOD, "ر.س" for SAR),
// "$" and "€" for the dollar and the euro, and the code for any other. "" for no currency.
func CurrencyUnit(lang Lang, code string) string {
	if lang != Arabic {
		return code
	}
	switch code {
	case "JOD":
		return "د.أ"
	case "SAR":
		return "ر.س"
	case "IQD":
		return "د.ع"
	case "AED":
		return "د.إ"
	case "KWD":
		return "د.ك"
	case "QAR":
		return "ر.ق"
	case "BHD":
		return "د.ب"
	case "OMR":
		return "ر.ع."
	case "EGP":
		return "ج.م."
	case "SYP":
		return "ل.س"
	case "LBP":
		return "ل.ل"
	case "LYD":
		return "د.ل"
	case "TND":
		return "د.ت"
	case "DZD":
		return "د.ج"
	case "MAD":
		return "د.م."
	case "SDG":
		return "ج.س."
	case "YER":
		return "ر.ي"
	case "USD":
		return "$"
	case "EUR":
		return "€"
	}
	return code
}

// RegionCurrencies are the codes CurrencyUnit writes in Arabic: the region's currencies, then
// the dollar and the euro (the settings form suggests them).
func RegionCurrencies() []string {
	return []string{"JOD", "SAR", "IQD", "AED", "KWD", "QAR", "BHD", "OMR", "EGP", "SYP", "LBP", "LYD", "TND", "DZD",
		"MAD", "SDG", "YER", "USD", "EUR"}
}

// Money writes an amount (already in lang's digits) with its currency's unit after it, joined
// by a no-break space so that a line never ends between them ("9 JOD", "٩ د.أ"); the amount
// alone when code is "".
func Money(lang Lang, amount, code string) string {
	unit := CurrencyUnit(lang, code)
	if unit == "" {
		return amount
	}
	return amount + "\u00a0" + unit
}
