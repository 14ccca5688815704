package web

import (
	"html/template"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
)

// TH escapes the message and plain values, and puts markup values (Code's) in as they are.
func TestTHEscapesTextAndKeepsCodeMarkup(t *testing.T) {
	l := Localizer{Lang: i18n.Arabic, msgs: i18n.MustLoad()}
	require.Equal(t, template.HTML(`يسجّل الطلاب في صفحة <code dir="ltr" class="inline-code">/sign&lt;up&gt;</code> برمز انضمام فينضمّون إلى مؤسستك.`),
		l.TH("desk.people.codes_intro", "path", l.Code("/sign<up>")))
	require.Equal(t, template.HTML(`يسجّل الطلاب في صفحة &lt;b&gt;x&lt;/b&gt; برمز انضمام فينضمّون إلى مؤسستك.`),
		l.TH("desk.people.codes_intro", "path", "<b>x</b>"), "plain values are escaped")
	require.Equal(t, template.HTML("no.such.key"), l.TH("no.such.key"))
}
