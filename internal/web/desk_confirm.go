package web

import (
	"net/http"
	"strings"

	"memora/internal/problem"
)

// Every destructive button of the desk asks first, as the SRS page's archive and delete do:
// the button opens a confirmation (a <details>, so it works without JavaScript) that names
// what goes and what follows, and only its own button sends the form, with a "confirm" field
// naming the row (a role removal: the role). A request without it (an old page, a stray click)
// changes nothing.

// confirmed reports whether a destructive form came through its confirmation for the row id.
func confirmed(r *http.Request, id string) bool {
	return id != "" && strings.TrimSpace(r.PostFormValue("confirm")) == id
}

// notConfirmed is the refusal of a destructive request that skipped its confirmation.
func (d *desk) notConfirmed(r *http.Request) error {
	return problem.InvalidMsg(d.localizer(r).T("desk.confirm.needed"))
}

// Holds says, in the page's language, what a content row still holds ("units (2), lessons (5)"),
// for its delete confirmation; "" when it holds nothing.
func (l Localizer) Holds(kv ...any) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		kind, _ := kv[i].(string)
		n, _ := kv[i+1].(int)
		if n > 0 {
			parts = append(parts, l.T("desk.confirm.holds."+kind, "count", l.Num(n)))
		}
	}
	return strings.Join(parts, l.T("list.sep"))
}
