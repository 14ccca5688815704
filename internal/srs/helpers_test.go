package srs

import "math"

// tb is the part of testing.TB that rapid.T also has.
type tb interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

func check[T comparable](t tb, name string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func near(t tb, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %v, want %v ± %v", name, got, want, tol)
	}
}

func noErr(t tb, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
