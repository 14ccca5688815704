// Package i18n is Memora's message catalogue and language choice: every string a person reads,
// in Arabic (the default of the web app) and English, plus numbers and dates in the chosen language.
package i18n

import (
	"net/http"
	"strconv"
	"strings"
)

// Lang is one of the two languages Memora ships.
type Lang string

const (
	Arabic  Lang = "ar"
	English Lang = "en"
)

// CookieName is the cookie that remembers the language a person chose in the web app. The API
// honours it too, so the web app's calls get messages in the page's language.
const CookieName = "lang"

// Parse reads a language tag ("ar", "en-GB", …); ok is false for a language Memora does not ship.
func Parse(tag string) (Lang, bool) {
	primary, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	switch strings.ToLower(primary) {
	case "ar":
		return Arabic, true
	case "en":
		return English, true
	}
	return "", false
}

// Dir is the text direction of the language.
func (l Lang) Dir() string {
	if l == Arabic {
		return "rtl"
	}
	return "ltr"
}

// Other is the language the switch offers.
func (l Lang) Other() Lang {
	if l == Arabic {
		return English
	}
	return Arabic
}

// FromRequest is the language of a request: the lang cookie when set, else the language that
// Accept-Language ranks first among the two shipped, else def.
func FromRequest(r *http.Request, def Lang) Lang {
	if r == nil {
		return def
	}
	if c, err := r.Cookie(CookieName); err == nil {
		if l, ok := Parse(c.Value); ok {
			return l
		}
	}
	if l, ok := fromAcceptLanguage(r.Header.Get("Accept-Language")); ok {
		return l
	}
	return def
}

// fromAcceptLanguage picks the highest-ranked range that names a shipped language.
func fromAcceptLanguage(header string) (Lang, bool) {
	var best Lang
	bestQ := 0.0
	for part := range strings.SplitSeq(header, ",") {
		tag, q := parseRange(part)
		if l, ok := Parse(tag); ok && q > bestQ {
			best, bestQ = l, q
		}
	}
	return best, bestQ > 0
}

func parseRange(s string) (tag string, q float64) {
	tag, params, _ := strings.Cut(strings.TrimSpace(s), ";")
	q = 1
	if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", 0
		}
		q = f
	}
	return strings.TrimSpace(tag), q
}
