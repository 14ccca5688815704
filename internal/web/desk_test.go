package web

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A count typed into a desk field is read in either digit set, with or without grouping; a sign,
// a fraction or a stray letter is no whole number.
func TestWholeNumberReadsLatinAndArabicDigits(t *testing.T) {
	for in, want := range map[string]int64{
		"1200": 1200, "١٢٠٠": 1200, "۱۲۰۰": 1200, "1,200": 1200, "١٬٢٠٠": 1200, "1 200": 1200,
		"١2٠0": 1200, "0": 0, "100000": 100000,
		// invisible direction marks, as a number copied from an Arabic page brings them
		"\u200f١٢٠٠": 1200, "1200\u200e": 1200, "\u2067١٬٢٠٠\u2069": 1200, "\u202b1,200\u202c": 1200,
		"١\u061c٢": 12, "\u202a5\u202e": 5, "\u2066\u2068\u200e7": 7,
	} {
		got, ok := wholeNumber(in)
		if !ok || got != want {
			t.Errorf("wholeNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", ",", "-5", "+5", "1.5", "١٫٥", "12x", "x", "1e3", "9999999999999999",
		"\u200f", "\u2067\u2069", "\u200b5", "\u200f-5"} {
		if got, ok := wholeNumber(in); ok {
			t.Errorf("wholeNumber(%q) = %d, true; want no number", in, got)
		}
	}
}

// A decimal typed into a desk field is read in either digit set and with either decimal
// separator; grouping is taken in threes, a comma read as grouping or a decimal comma by where
// it stands, and anything that could be read two ways, or not at all, is no number.
func TestDecimalNumberReadsLatinAndArabicDigitsAndSeparators(t *testing.T) {
	for in, want := range map[string]float64{
		"0.9": 0.9, "٠٫٩": 0.9, "۰٫۹": 0.9, "٠.٩": 0.9, "0٫9": 0.9, ".9": 0.9, "٫٩": 0.9,
		"12.5": 12.5, "١٢٫٥": 12.5, "۱۲٫۵": 12.5, "١2٫5": 12.5, " 12.5 ": 12.5,
		"20": 20, "٢٠": 20, "0": 0, "٠": 0, "00.50": 0.5, "0.41200000000000003": 0.41200000000000003,
		// grouping in threes
		"1,200.5": 1200.5, "١٬٢٠٠٫٥": 1200.5, "1 200.5": 1200.5, "1\u00a0200": 1200, "١٬٢٠٠": 1200,
		"12,345,678": 12345678, "1,234,567.89": 1234567.89, "۱٬۲۳۴٬۵۶۷": 1234567,
		// a decimal comma where a comma cannot be grouping
		"19,50": 19.5, "0,9": 0.9, "٠,٩": 0.9, "0,412": 0.412, "1,2345": 1.2345, "1 200,50": 1200.5,
		// invisible direction marks, as a number copied from an Arabic page brings them
		"\u200f٠٫٩": 0.9, "0.9\u200e": 0.9, "\u2067١٬٢٠٠٫٥\u2069": 1200.5, "\u202b19,50\u202c": 19.5,
		"٠\u061c٫\u200f٩": 0.9, "\u202a.5\u202e": 0.5, " \u2066\u2068 0.25\u2069 ": 0.25, "\u202d12\u202c": 12,
	} {
		got, ok := decimalNumber(in)
		if !ok || got != want {
			t.Errorf("decimalNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{
		"", " ", ".", "٫", ",", "٬", "1.", "١٫", "1..5", "1.2.3", "١٫٢٫٣", "1,,5", "1 ,5",
		"1,200", "١,٢٠٠", "999,999", // a comma that reads as grouping and as a decimal comma alike
		"٠٬٩", "1٬5", "1٬2345", "0,412,000", "12,34.5", "1,200 300", "1٬200,300", "١٬٢٠٠,٥", "1.200,5", "1,200٬300",
		"-0.9", "+0.9", "−0.9", "1e3", "0x10", "Inf", "NaN", "0.9x", "٠،٩", "١٪", "1/2",
		"1234567890123456789012345678901",
		"\u200f", "\u200e.\u200f", "\u200f1,200", "\u200b0.9", "\ufeff0.9", "\u200f-0.9",
	} {
		if got, ok := decimalNumber(in); ok {
			t.Errorf("decimalNumber(%q) = %v, true; want no number", in, got)
		}
	}
}

// The desk's pages show an error through one template (desk_error in _desk.html), so its markup
// (an alert announced at once, with the id its fields point to) is written once.
func TestDeskPagesShowErrorsThroughTheSharedTemplate(t *testing.T) {
	files, err := filepath.Glob("templates/desk_*.html")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NotContains(t, string(b), `role="alert"`, "%s: use {{template \"desk_error\" …}}", f)
	}
}
