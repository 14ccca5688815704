package web

import (
	"fmt"
	"html/template"
	"strings"

	"memora/internal/i18n"
)

// Code is literal text a sentence shows — a path, an address, a command — in an element of its
// own, left to right: in Arabic running text "/signup" read as "signup/" and "https://…" as
// "…//:https". Isolating characters (U+2066…U+2069) in the message broke the Arabic letters'
// joining in Chromium, so the isolation is markup. Fill a message's placeholder with it with TH:
// {{$L.TH "desk.people.codes_intro" "path" ($L.Code "/signup")}}.
func (l Localizer) Code(s string) template.HTML {
	return template.HTML(`<code dir="ltr" class="inline-code">` + template.HTMLEscapeString(s) + `</code>`)
}

// TH is T for a message with markup in a placeholder: the message and plain values are escaped,
// a template.HTML value (Code's) goes in as it is.
func (l Localizer) TH(key string, args ...any) template.HTML {
	s, ok := l.msgs.Lookup(l.Lang, key)
	if !ok {
		s = key
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		v, ok := args[i+1].(template.HTML)
		if !ok {
			v = template.HTML(template.HTMLEscapeString(i18n.FormatValue(l.Lang, args[i+1])))
		}
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", string(v))
	}
	return template.HTML(strings.NewReplacer(pairs...).Replace(template.HTMLEscapeString(s)))
}
