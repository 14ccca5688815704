package api

import (
	"net/http"

	"memora/internal/authoring"
	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/privacy"
	"memora/internal/teaching"
)

// Staff are the services of the staff API (content, people, academic structure, commerce,
// operations, teaching). Each takes an identity.Caller and scopes what it does to the
// caller's institution unless the caller is a System Manager; the roles of each operation
// are declared where it is registered (readAs, mutationAs).
type Staff struct {
	Authoring *authoring.Service
	Teaching  *teaching.Service
	// Privacy exports and erases a user's data (people_admin.go).
	Privacy *privacy.Service
}

// caller is the signed-in staff member of a request, with the address the audit log keeps.
func caller(r *http.Request, who identity.Principal) identity.Caller {
	return identity.Caller{Principal: who, RemoteAddr: httpx.ClientIP(r)}
}

// Who may do what (the authorization table's role sets).
var (
	contentStaff = roles(ContentManager, InstitutionAdmin, SystemManager)
	adminStaff   = roles(InstitutionAdmin, SystemManager)
	systemOnly   = roles(SystemManager)
	teachers     = roles(Teacher, InstitutionAdmin, SystemManager)
)

// Table is the authorization table of every operation the API registers, without serving
// it: what the authorization matrix test walks.
func Table() []Operation {
	a := &API{}
	a.Register(httpx.NewRouter())
	return a.ops
}
