package jsonenc

import (
	"encoding/json"
	"testing"
)

func marshal(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStringIsWhatEncodingJSONWrites(t *testing.T) {
	cases := []string{"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x01\x1f\x7f",
		"ما هو المرادف لـ: ____؟", "line\u2028para\u2029end", "bad \xff utf-8 \xc3", "emoji 😀", "\xed\xa0\x80 surrogate"}
	for b := range 256 {
		cases = append(cases, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"é")
	}
	for _, s := range cases {
		if got, want := string(String(nil, s)), marshal(t, s); got != want {
			t.Errorf("String(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("ما هو <x> & \u2028 \xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(String(nil, s)), marshal(t, s); got != want {
			t.Errorf("String(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestStringsAndBool(t *testing.T) {
	for _, ss := range [][]string{nil, {}, {"a"}, {"a", "<b>", ""}} {
		if got, want := string(Strings(nil, ss)), marshal(t, ss); got != want {
			t.Errorf("Strings(%q) = %s, want %s", ss, got, want)
		}
	}
	if string(Bool(nil, true)) != "true" || string(Bool(nil, false)) != "false" {
		t.Error("Bool")
	}
}
