package identity

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/problem"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// The institution's currency and payment instructions: a currency is an ISO 4217 code in use,
// stored upper-cased; the notes are trimmed with their line breaks kept and bounded; a refusal
// names its field and changes nothing.
func TestInstitutionCurrencyAndPaymentNotesAreValidated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t, store.SQLite)
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "مدرسة", NameEN: "School", TimeZone: "Asia/Amman"}))
	clk := clock.NewFake(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	logger := slog.New(slog.DiscardHandler)
	s := &Service{Store: st, Clock: clk, Audit: audit.Log{Store: st, Clock: clk, Logger: logger}, Logger: logger, SessionTTL: time.Hour}
	admin := Caller{Principal: Principal{UserID: -1, InstitutionID: "inst", Email: "admin@example.org", Roles: []string{store.RoleInstitutionAdmin}}}

	saved := InstitutionView{Name: "مدرسة", NameEn: "School", TimeZone: "Asia/Amman", Currency: "JOD",
		PaymentNote: "البنك العربي", PaymentNoteEn: "Arab Bank"}
	_, err := s.UpdateInstitutionSettings(ctx, admin, saved)
	require.NoError(t, err)

	long := strings.Repeat("ب", PaymentNoteMax+1)
	for _, c := range []struct {
		name                   string
		currency, note, noteEn string
		field                  string // "" when it is accepted
		wantCurrency           string
		wantNote, wantNoteEn   string
	}{
		{name: "a code as typed", currency: "jod", wantCurrency: "JOD"},
		{name: "spaces around the code", currency: "  sar ", wantCurrency: "SAR"},
		{name: "no currency", currency: "", wantCurrency: ""},
		{name: "the dollar", currency: "USD", wantCurrency: "USD"},
		{name: "no such code", currency: "ABC", field: "currency"},
		{name: "a symbol", currency: "$", field: "currency"},
		{name: "a name", currency: "dinar", field: "currency"},
		{name: "a retired code", currency: "DEM", field: "currency"},
		{name: "gold", currency: "XAU", field: "currency"},
		{name: "notes trimmed, line breaks kept",
			note:       "  البنك العربي\r\nIBAN: JO00 DEMO 0000 0000 0000 0000 0000 00   \r\n\r\n\r\n\r\nالمرجع: بريدك\t \n\n",
			noteEn:     "\n Arab Bank\rIBAN: JO00 DEMO\x00 0000\n",
			wantNote:   "البنك العربي\nIBAN: JO00 DEMO 0000 0000 0000 0000 0000 00\n\nالمرجع: بريدك",
			wantNoteEn: "Arab Bank\nIBAN: JO00 DEMO 0000"},
		{name: "a note of the largest size", note: long[:len(long)-len("ب")], wantNote: long[:len(long)-len("ب")]},
		{name: "the Arabic note too long", note: long, field: "payment_note"},
		{name: "the English note too long", noteEn: strings.Repeat("a", PaymentNoteMax+1), field: "payment_note_en"},
		{name: "only spaces", note: " \n \t\n", noteEn: "\r\n", wantNote: "", wantNoteEn: ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := InstitutionView{Name: "مدرسة", NameEn: "School", TimeZone: "Asia/Amman", Currency: c.currency,
				PaymentNote: c.note, PaymentNoteEn: c.noteEn}
			got, err := s.UpdateInstitutionSettings(ctx, admin, in)
			if c.field != "" {
				p, ok := problem.As(err)
				require.True(t, ok, "%v", err)
				require.Equal(t, problem.Invalid, p.Kind)
				require.Equal(t, c.field, InstitutionSettingsField(err))
				now, err := s.InstitutionSettings(ctx, admin, "")
				require.NoError(t, err)
				saved.ID = "inst"
				require.Equal(t, saved, now, "a refusal changes nothing")
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.wantCurrency, got.Currency)
			require.Equal(t, c.wantNote, got.PaymentNote)
			require.Equal(t, c.wantNoteEn, got.PaymentNoteEn)
			now, err := s.InstitutionSettings(ctx, admin, "")
			require.NoError(t, err)
			require.Equal(t, got, now, "what is answered is what is stored")
			saved = now
		})
	}
}

func TestInstitutionSettingsFieldNamesTheFormField(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err  error
		want string
	}{
		{problem.InvalidMsg(msgInstitutionName), "name"},
		{problem.Invalidf(msgBadTimeZone, "zone", "Mars/Base"), "time_zone"},
		{problem.InvalidMsg(msgBadLogo), "logo_url"},
		{problem.Invalidf(msgBadCurrency, "currency", "ABC"), "currency"},
		{problem.Invalidf(msgPaymentNoteLong, "max", PaymentNoteMax), "payment_note"},
		{problem.Invalidf(msgPaymentNoteLongE, "max", PaymentNoteMax), "payment_note_en"},
		{problem.NotFoundMsg(msgInstNotFound), ""},
		{context.Canceled, ""},
	} {
		require.Equal(t, c.want, InstitutionSettingsField(c.err), "%v", c.err)
	}
}
