package season

import (
	"testing"

	"memora/internal/i18n"
)

// Every message a rebuild or a reconciliation reports in English has its Arabic in the
// catalogue, so the desk never shows English inside an Arabic page.
func TestReportedMessagesAreTranslated(t *testing.T) {
	cat := i18n.MustLoad()
	for _, msg := range append(append([]string{}, RebuildMessages...), ReconcileMessages...) {
		if ar := cat.Translate(i18n.Arabic, msg); ar == msg || ar == "" {
			t.Errorf("no Arabic for %q", msg)
		}
	}
}
