package web

import "testing"

// A count typed into a desk field is read in either digit set, with or without grouping; a sign,
// a fraction or a stray letter is no whole number.
func TestWholeNumberReadsLatinAndArabicDigits(t *testing.T) {
	for in, want := range map[string]int64{
		"1200": 1200, "١٢٠٠": 1200, "۱۲۰۰": 1200, "1,200": 1200, "١٬٢٠٠": 1200, "1 200": 1200,
		"١2٠0": 1200, "0": 0, "100000": 100000,
	} {
		got, ok := wholeNumber(in)
		if !ok || got != want {
			t.Errorf("wholeNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", ",", "-5", "+5", "1.5", "١٫٥", "12x", "x", "1e3", "9999999999999999"} {
		if got, ok := wholeNumber(in); ok {
			t.Errorf("wholeNumber(%q) = %d, true; want no number", in, got)
		}
	}
}
