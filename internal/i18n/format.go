package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// arabicDigits are the Arabic-Indic digits used in Arabic text.
var arabicDigits = [10]rune{'٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'}

// Digits writes the ASCII digits of s in lang's digits.
func Digits(lang Lang, s string) string {
	if lang != Arabic {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(arabicDigits[r-'0'])
		case r == ',':
			b.WriteRune('٬')
		case r == '.':
			b.WriteRune('٫')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Number formats n with thousands separators in lang ("12,345" or "١٢٬٣٤٥").
func Number(lang Lang, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	return Digits(lang, out)
}

// Percent formats a fraction (0.42) as a whole percentage in lang ("42%" or "٤٢٪").
func Percent(lang Lang, f float64) string {
	p := strconv.Itoa(int(f*100 + 0.5))
	if lang == Arabic {
		return Digits(lang, p) + "٪"
	}
	return p + "%"
}

var monthsAR = [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

var weekdaysAR = [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}

// Date formats a calendar day in lang ("6 December 2026" or "٦ ديسمبر ٢٠٢٦").
func Date(lang Lang, t time.Time) string {
	if lang == Arabic {
		return Digits(lang, strconv.Itoa(t.Day())) + " " + monthsAR[t.Month()-1] + " " + Digits(lang, strconv.Itoa(t.Year()))
	}
	return t.Format("2 January 2006")
}

// ShortDate formats a day without the year ("6 Dec" or "٦ ديسمبر").
func ShortDate(lang Lang, t time.Time) string {
	if lang == Arabic {
		return Digits(lang, strconv.Itoa(t.Day())) + " " + monthsAR[t.Month()-1]
	}
	return t.Format("2 Jan")
}

// Weekday is the day's name in lang; short gives three letters in English.
func Weekday(lang Lang, d time.Weekday, short bool) string {
	if lang == Arabic {
		return weekdaysAR[d]
	}
	if short {
		return d.String()[:3]
	}
	return d.String()
}

// FormatValue formats a placeholder value: integers with Number, the rest with fmt in lang's digits.
func FormatValue(lang Lang, v any) string {
	switch n := v.(type) {
	case int:
		return Number(lang, int64(n))
	case int64:
		return Number(lang, n)
	case int32:
		return Number(lang, int64(n))
	case string:
		return n
	}
	return Digits(lang, fmt.Sprint(v))
}
