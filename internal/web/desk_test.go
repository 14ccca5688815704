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
