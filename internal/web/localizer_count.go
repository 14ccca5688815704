package web

// countT is l.T for a message about n things, in n's grammatical number where the catalogue has
// the form: key+".zero" (0), ".one" (1), ".two" (2, Arabic's dual) or ".few" (3 to 10 of a
// hundred, Arabic's plural), else key itself (English's plural; Arabic's singular after 11 to 99
// and 100). Each form has both languages: English's ".two" and ".few" are its plural. The
// players' scripts have the same as tc (api.js).
func countT(l Localizer, key string, n int64, args ...any) string {
	form := ""
	switch m := n % 100; {
	case n == 0:
		form = ".zero"
	case n == 1:
		form = ".one"
	case n == 2:
		form = ".two"
	case m >= 3 && m <= 10:
		form = ".few"
	}
	if form != "" && l.msgs.Has(key+form) {
		key += form
	}
	return l.T(key, args...)
}

// TN is countT for templates: {{$L.TN "stats.xp_short" .XP}} picks the form for the number n (a
// whole number of any Go integer type).
func (l Localizer) TN(key string, n any, args ...any) string {
	var v int64
	switch n := n.(type) {
	case int:
		v = int64(n)
	case int32:
		v = int64(n)
	case int64:
		v = n
	default:
		return l.T(key, args...)
	}
	return countT(l, key, v, args...)
}
