package i18n_test

import (
	"testing"

	"memora/internal/i18n"
)

func TestCurrencyCodesAreISO4217CodesInUseUpperCased(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"JOD", "JOD", true},
		{" jod ", "JOD", true},
		{"Sar", "SAR", true},
		{"IQD", "IQD", true},
		{"usd", "USD", true},
		{"EUR", "EUR", true},
		{"XOF", "XOF", true}, // the CFA franc: an X code that is a currency
		{"", "", false},
		{"ABC", "", false}, // no such code
		{"DEM", "", false}, // retired
		{"XAU", "", false}, // gold, not a currency
		{"XXX", "", false}, // "no currency"
		{"XTS", "", false}, // for tests
		{"JD", "", false},
		{"JODX", "", false},
		{"د.أ", "", false},
		{"J0D", "", false},
	} {
		got, ok := i18n.CurrencyCode(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("CurrencyCode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestMoneyPutsTheUnitAfterTheAmountWithANoBreakSpace(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ got, want string }{
		{i18n.Money(i18n.English, "9", "JOD"), "9\u00a0JOD"},
		{i18n.Money(i18n.Arabic, "٩", "JOD"), "٩\u00a0د.أ"},
		{i18n.Money(i18n.Arabic, "٩٫٥٠", "SAR"), "٩٫٥٠\u00a0ر.س"},
		{i18n.Money(i18n.Arabic, "١٠", "OMR"), "١٠\u00a0ر.ع."},
		{i18n.Money(i18n.Arabic, "٥", "USD"), "٥\u00a0$"},
		{i18n.Money(i18n.Arabic, "٥", "GBP"), "٥\u00a0GBP"}, // no Arabic abbreviation: the code
		{i18n.Money(i18n.English, "5", "SAR"), "5\u00a0SAR"},
		{i18n.Money(i18n.English, "9", ""), "9"},
		{i18n.Money(i18n.Arabic, "٩", ""), "٩"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestEveryRegionCurrencyIsACodeInUseWithAnArabicUnit(t *testing.T) {
	t.Parallel()
	for _, code := range i18n.RegionCurrencies() {
		if got, ok := i18n.CurrencyCode(code); !ok || got != code {
			t.Errorf("%s: CurrencyCode = %q, %v", code, got, ok)
		}
		if u := i18n.CurrencyUnit(i18n.Arabic, code); u == code {
			t.Errorf("%s: no Arabic unit", code)
		}
	}
}
