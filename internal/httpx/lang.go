package httpx

import (
	"net/http"
	"strconv"
	"strings"
)

// prefersArabic reports whether Accept-Language ranks Arabic first. A tiny
// parser is enough: we only choose between the two languages we ship.
func prefersArabic(r *http.Request) bool {
	if r == nil {
		return false
	}
	best, bestQ := "", 0.0
	for part := range strings.SplitSeq(r.Header.Get("Accept-Language"), ",") {
		tag, q := parseLanguageRange(part)
		if q > bestQ {
			best, bestQ = tag, q
		}
	}
	primary, _, _ := strings.Cut(best, "-")
	return strings.EqualFold(primary, "ar")
}

func parseLanguageRange(s string) (tag string, q float64) {
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
