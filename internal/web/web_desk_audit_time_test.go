package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/webtest"
)

// The audit log tells an entry's time by the institution's clock, the clock its date filters
// read, in the page's words and digits: it showed the UTC clock as "2026-03-04 22:30" in Latin
// digits, so an entry made at 01:30 on 5 March in Amman read as the day before, and the filter
// "from 5 March" that found it seemed to find an entry of the 4th. Its cells start on the
// page's side, under their headings, in Arabic as in English.
func TestTheAuditLogTellsTimesByTheInstitutionsClockInThePagesDigits(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	at := time.Date(2026, 3, 4, 22, 30, 0, 0, time.UTC) // 01:30 on 5 March in Amman (UTC+3)
	log := audit.Log{Store: srv.App.Audit.Store, Clock: clock.NewFake(at)}
	require.NoError(t, log.Record(context.Background(), srv.App.Audit.Store, audit.Entry{
		ActorEmail: deskAdmin, Action: "test.clock", Target: "T-1", InstitutionID: "demo-academy"}))
	want := map[string]string{"ar": "<td>٥ مارس ٢٠٢٦، ٠١:٣٠</td>", "en": "<td>5 March 2026, 01:30</td>"}
	for _, lang := range []string{"ar", "en"} {
		c := deskClient(t, srv, deskAdmin, lang)
		p := c.get("/app/audit?action=test.clock&since=2026-03-05&until=2026-03-05")
		require.Equal(t, http.StatusOK, p.status, lang)
		require.Contains(t, p.body, want[lang], lang)
		require.Contains(t, p.body, `"><span dir="ltr">admin@demo.memora.test</span></td>`, lang)
		require.NotContains(t, p.body, "22:30", lang)
		p = c.get("/app/audit?action=test.clock&until=2026-03-04")
		require.NotContains(t, p.body, want[lang], "%s: the entry is not on the 4th", lang)
	}
}
