package identity

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"memora/internal/i18n"
	"memora/internal/problem"
)

// PaymentNoteMax bounds each language's payment instructions, in characters.
const PaymentNoteMax = 1000

const (
	msgBadCurrency      = "Unknown currency '{currency}': use an ISO 4217 code such as JOD, SAR, IQD or USD"
	msgPaymentNoteLong  = "The Arabic payment instructions are too long: at most {max} characters"
	msgPaymentNoteLongE = "The English payment instructions are too long: at most {max} characters"
)

// NormalizePayment upper-cases the currency and checks it, and tidies both payment notes
// (paymentNote), refusing one that is too long: the rules of UpdateInstitutionSettings, for
// an import to apply too.
func (in *InstitutionView) NormalizePayment() error {
	in.Currency = strings.TrimSpace(in.Currency)
	if in.Currency != "" {
		code, ok := i18n.CurrencyCode(in.Currency)
		if !ok {
			return problem.Invalidf(msgBadCurrency, "currency", in.Currency)
		}
		in.Currency = code
	}
	in.PaymentNote, in.PaymentNoteEn = paymentNote(in.PaymentNote), paymentNote(in.PaymentNoteEn)
	if utf8.RuneCountInString(in.PaymentNote) > PaymentNoteMax {
		return problem.Invalidf(msgPaymentNoteLong, "max", PaymentNoteMax)
	}
	if utf8.RuneCountInString(in.PaymentNoteEn) > PaymentNoteMax {
		return problem.Invalidf(msgPaymentNoteLongE, "max", PaymentNoteMax)
	}
	return nil
}

// paymentNote tidies free text typed in a form: line breaks become "\n" (a browser sends
// "\r\n"), tabs spaces, other control characters go, every line loses its trailing spaces, at
// most one empty line stays between two lines, and none before the first or after the last.
func paymentNote(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// InstitutionSettingsField is the settings form field a refusal of UpdateInstitutionSettings is
// about: name, time_zone, logo_url, currency, payment_note or payment_note_en; "" for any
// other error.
func InstitutionSettingsField(err error) string {
	var p *problem.Error
	if !errors.As(err, &p) {
		return ""
	}
	switch p.CatalogKey() {
	case msgInstitutionName:
		return "name"
	case msgBadTimeZone:
		return "time_zone"
	case msgBadLogo:
		return "logo_url"
	case msgBadCurrency:
		return "currency"
	case msgPaymentNoteLong:
		return "payment_note"
	case msgPaymentNoteLongE:
		return "payment_note_en"
	}
	return ""
}
