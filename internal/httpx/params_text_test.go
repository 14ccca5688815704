package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"memora/internal/httpx"
)

// Issue 13.2: a NUL character or invalid UTF-8 in any parameter — its name or its value,
// from the query, a form or a JSON body, at any depth of a JSON value, or in JSON held in a
// JSON string — is refused by the decoder with 400, before any handler or database sees it.
func TestParamsWithNULOrInvalidUTF8AreRefusedWith400(t *testing.T) {
	for name, r := range map[string]*http.Request{
		"json value":          post("/x", "application/json", `{"usr":"a\u0000b","pwd":"x"}`),
		"json key":            post("/x", "application/json", `{"u\u0000sr":"a"}`),
		"json nested":         post("/x", "application/json", `{"session_data":{"answers":[{"answer":"\u0000"}]}}`),
		"json in json string": post("/x", "application/json", `{"session_meta":"{\"lesson_id\":\"L\\u0000\"}"}`),
		"json invalid utf8":   post("/x", "application/json", "{\"usr\":\"a\xffb\"}"),
		"json raw nul byte":   post("/x", "application/json", "{\"usr\":\"a\x00b\"}"),
		"form value":          post("/x", "application/x-www-form-urlencoded", "usr=a%00b&pwd=x"),
		"form invalid utf8":   post("/x", "application/x-www-form-urlencoded", "usr=a%FFb"),
		"form name":           post("/x", "application/x-www-form-urlencoded", "u%00sr=a"),
		"query value":         httptest.NewRequest("GET", "/x?subject=a%00", nil),
		"query invalid utf8":  httptest.NewRequest("GET", "/x?subject=%C3%28", nil),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := httpx.ParseParams(r)
			if err == nil {
				t.Fatal("accepted")
			}
			rec := httptest.NewRecorder()
			httpx.WriteError(rec, r, err)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("answered %d: %s", rec.Code, rec.Body)
			}
			if name != "json raw nul byte" && !strings.Contains(rec.Body.String(), "UTF-8 without NUL") { // that one is not JSON
				t.Fatalf("message: %s", rec.Body)
			}
		})
	}
	// Arabic, emoji, escaped quotes and a literal backslash-u text are fine.
	p := parse(t, post("/x", "application/json", `{"q":"مرحبا 👋 \"\\u0000\"","m":"{\"a\":\"ب\"}"}`))
	if got := p.String("q"); got != `مرحبا 👋 "\u0000"` {
		t.Fatalf("q = %q", got)
	}
	// Without any escape (most bodies, checked on their bytes alone), JSON in a string too.
	p = parse(t, post("/x", "application/json", `{"q":"مرحبا","m":"[1, {}]","n":{"a":["ب"]}}`))
	var m []any
	if got := p.String("q"); got != "مرحبا" || p.JSON("m", &m) != nil || len(m) != 2 {
		t.Fatalf("q = %q, m = %v", got, m)
	}
}

// cleanStrings reports whether every string in v (as decoded from JSON) is clean text.
func cleanStrings(v any) bool {
	switch x := v.(type) {
	case string:
		return utf8.ValidString(x) && !strings.ContainsRune(x, 0)
	case []any:
		for _, e := range x {
			if !cleanStrings(e) {
				return false
			}
		}
	case map[string]any:
		for k, e := range x {
			if !cleanStrings(k) || !cleanStrings(e) {
				return false
			}
		}
	}
	return true
}
