package i18n_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"memora/internal/i18n"
)

func TestTheEmbeddedCatalogueLoadsWithEveryMessageInBothLanguages(t *testing.T) {
	t.Parallel()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Keys()) < 100 {
		t.Fatalf("only %d messages", len(c.Keys()))
	}
	for _, k := range c.Keys() {
		ar, _ := c.Lookup(i18n.Arabic, k)
		en, _ := c.Lookup(i18n.English, k)
		if ar == "" || en == "" {
			t.Errorf("%q lacks a language", k)
		}
	}
}

func TestPlaceholdersAreFilledWithNumbersInTheLanguagesDigits(t *testing.T) {
	t.Parallel()
	c := i18n.MustLoad()
	if got := c.T(i18n.English, "home.to_next", "xp", 1429); got != "1,429 XP to the next level" {
		t.Errorf("en: %q", got)
	}
	if got := c.T(i18n.Arabic, "home.to_next", "xp", 1429); got != "١٬٤٢٩ نقطة للمستوى التالي" {
		t.Errorf("ar: %q", got)
	}
	if got := c.T(i18n.Arabic, "no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key shows as itself, got %q", got)
	}
}

func TestTheLanguageIsTheCookieThenAcceptLanguageThenTheDefault(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cookie, accept string
		def, want      i18n.Lang
	}{
		{"", "", i18n.Arabic, i18n.Arabic},
		{"", "", i18n.English, i18n.English},
		{"", "ar-JO,ar;q=0.9,en;q=0.8", i18n.English, i18n.Arabic},
		{"", "fr-FR,en;q=0.5,ar;q=0.4", i18n.Arabic, i18n.English},
		{"", "fr-FR", i18n.Arabic, i18n.Arabic},
		{"en", "ar", i18n.Arabic, i18n.English},
		{"xx", "ar", i18n.English, i18n.Arabic},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if c.accept != "" {
			r.Header.Set("Accept-Language", c.accept)
		}
		if c.cookie != "" {
			r.Header.Set("Cookie", i18n.CookieName+"="+c.cookie)
		}
		if got := i18n.FromRequest(r, c.def); got != c.want {
			t.Errorf("cookie %q, Accept-Language %q, default %s: got %s, want %s", c.cookie, c.accept, c.def, got, c.want)
		}
	}
}

func TestNumbersAndDatesInArabicAndEnglish(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{i18n.Number(i18n.English, -1234567), "-1,234,567"},
		{i18n.Number(i18n.Arabic, 2070), "٢٬٠٧٠"},
		{i18n.Percent(i18n.Arabic, 0.16), "١٦٪"},
		{i18n.Percent(i18n.English, 0.155), "16%"},
		{i18n.Date(i18n.English, day), "6 December 2026"},
		{i18n.Date(i18n.Arabic, day), "٦ ديسمبر ٢٠٢٦"},
		{i18n.Weekday(i18n.Arabic, day.Weekday(), false), "الأحد"},
		{i18n.Weekday(i18n.English, day.Weekday(), true), "Sun"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
