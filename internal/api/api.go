// Package api is the JSON API: Frappe-style method routes
// (/api/method/memora.api.<module>.<function>), thin handlers over the domain services.
// One file per module of the original.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"memora/internal/audit"
	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/leaderboard"
	"memora/internal/play"
	"memora/internal/problem"
	"memora/internal/profile"
	"memora/internal/progress"
	"memora/internal/review"
	"memora/internal/season"
	"memora/internal/shop"
	"memora/internal/srsfit"
	"memora/internal/store"
)

// Services are the domain services the handlers call.
type Services struct {
	Identity *identity.Service
	Profile  *profile.Service
	Catalog  *catalog.Service
	Play     *play.Service

	// Progress, Leaderboard and Shop serve gamification and the store.
	Progress    *progress.Service
	Leaderboard *leaderboard.Service
	Shop        *shop.Service

	// Review serves review sessions (spaced repetition).
	Review *review.Service

	// Season, Audit, Jobs and JobsUI serve SRS administration, the audit log and the job
	// dashboard (System Managers).
	Season *season.Service
	Audit  audit.Log
	Jobs   *jobs.Runner
	JobsUI http.Handler

	// Staff serves the staff API (staff.go).
	Staff Staff

	// SRSFit serves the fitted FSRS-6 parameters (srs_params.go).
	SRSFit *srsfit.Service
}

// Options configures cookies.
type Options struct {
	CookieSecure bool
	SessionTTL   time.Duration
	SiteURL      string // the origin e-mailed links point at (config.SiteURL)
}

// API registers the JSON routes.
type API struct {
	Services
	opts   Options
	clock  clock.Clock
	logger *slog.Logger
	ops    []Operation // the authorization table, filled by Register
}

// New returns the API over svc.
func New(svc Services, opts Options, clk clock.Clock, logger *slog.Logger) *API {
	return &API{Services: svc, opts: opts, clock: clk, logger: logger}
}

// MethodPath is the route of a Generation-1 endpoint.
func MethodPath(module, function string) string {
	return "/api/method/memora.api." + module + "." + function
}

// Register adds every route to rt.
func (a *API) Register(rt *httpx.Router) {
	a.registerAuth(rt)
	a.registerSignUp(rt)
	a.registerOnboarding(rt)
	a.registerProfile(rt)
	a.registerProfileStats(rt)
	a.registerReviewForecast(rt)
	a.registerQuests(rt)
	a.registerLeaderboard(rt)
	a.registerStore(rt)
	a.registerPurchases(rt)
	a.registerSubjects(rt)
	a.registerMapEngine(rt)
	a.registerSessions(rt)
	a.registerUserAccess(rt)
	a.registerAcademicCache(rt)
	a.registerReviews(rt)
	a.registerSRSAdmin(rt)
	a.registerSRSParams(rt)
	a.registerSeasonAdmin(rt)
	a.registerAuditLog(rt)
	a.registerAlerts(rt)
	a.registerJobsAdmin(rt)
	a.registerContentAdmin(rt)
	a.registerPeopleAdmin(rt)
	a.registerAcademicAdmin(rt)
	a.registerCommerceAdmin(rt)
	a.registerJobsRun(rt)
	a.registerTeaching(rt)
	a.registerLegacy(rt)
}

// handlerFunc serves an authenticated call and returns the "message" value.
type handlerFunc func(r *http.Request, p httpx.Params, who identity.Principal) (any, error)

// read and mutation register an operation any signed-in user may call (the player's own
// data); readAs and mutationAs one that only the roles of acc may call. Every operation is
// recorded in the authorization table (Table), and authed enforces it.
func (a *API) read(rt *httpx.Router, module, fn, summary string, h handlerFunc) {
	a.readAs(rt, module, fn, summary, signedIn, h)
}

func (a *API) mutation(rt *httpx.Router, module, fn, summary string, h handlerFunc) {
	a.mutationAs(rt, module, fn, summary, signedIn, h)
}

func (a *API) readAs(rt *httpx.Router, module, fn, summary string, acc access, h handlerFunc) {
	a.ops = append(a.ops, Operation{Module: module, Function: fn, Roles: acc.roles})
	rt.Read(MethodPath(module, fn), summary, a.authed(acc, h))
}

func (a *API) mutationAs(rt *httpx.Router, module, fn, summary string, acc access, h handlerFunc) {
	a.ops = append(a.ops, Operation{Module: module, Function: fn, Mutation: true, Roles: acc.roles})
	rt.Mutation(MethodPath(module, fn), summary, a.authed(acc, h))
}

// pageAs records a page served under prefix (River's dashboard) in the authorization table,
// and serves h there to the roles of acc only; a nil h is recorded but not served.
func (a *API) pageAs(rt *httpx.Router, module, fn, prefix, summary string, acc access, h http.Handler, methods ...string) {
	a.ops = append(a.ops, Operation{Module: module, Function: fn, Roles: acc.roles, Page: prefix})
	if h == nil {
		return
	}
	rt.Handle(prefix, summary, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := a.allowed(acc, r); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	}), methods...)
}

// access is who may call an operation: any of roles (none: any signed-in user), and the
// message a refused caller reads.
type access struct {
	roles []string
	msg   string
}

// signedIn lets any signed-in user call an operation.
var signedIn = access{}

// roles lets callers with any of rs call an operation.
func roles(rs ...string) access { return access{roles: rs} }

// refusing sets the message a caller without the roles reads.
func (acc access) refusing(msg string) access {
	acc.msg = msg
	return acc
}

// Role names, short for the authorization table.
const (
	Student          = store.RoleStudent
	Teacher          = store.RoleTeacher
	ContentManager   = store.RoleContentManager
	InstitutionAdmin = store.RoleInstitutionAdmin
	SystemManager    = store.RoleSystemManager
)

// msgNoPermission is what a caller without an operation's role reads unless the operation
// says otherwise.
const msgNoPermission = "You don't have permission to do this."

// Operation is one row of the authorization table: an operation and the roles that may
// call it (nil: any signed-in user). Staff operations are further scoped to the caller's
// institution by the services, which receive the caller.
type Operation struct {
	Module, Function string
	Mutation         bool
	Roles            []string
	// Page is the path prefix of an operation that is a page rather than a method (River's
	// dashboard); empty for methods.
	Page string
}

// Path is the operation's route.
func (o Operation) Path() string {
	if o.Page != "" {
		return o.Page
	}
	return MethodPath(o.Module, o.Function)
}

// authed authenticates the caller, refuses one without the operation's roles, parses
// parameters, calls h and writes its result: the one place roles are enforced.
func (a *API) authed(acc access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who, err := a.allowed(acc, r)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		a.serve(w, r, func(p httpx.Params) (any, error) { return h(r, p, who) })
	})
}

// allowed authenticates the caller of r and refuses one without the roles of acc.
func (a *API) allowed(acc access, r *http.Request) (identity.Principal, error) {
	who, err := a.authenticate(r)
	if err != nil {
		return identity.Principal{}, err
	}
	if len(acc.roles) > 0 && !who.HasRole(acc.roles...) {
		msg := acc.msg
		if msg == "" {
			msg = msgNoPermission
		}
		return identity.Principal{}, problem.ForbiddenMsg(msg)
	}
	return who, nil
}

func (a *API) serve(w http.ResponseWriter, r *http.Request, h func(p httpx.Params) (any, error)) {
	params, err := httpx.ParseParams(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	v, err := h(params)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if err := httpx.WriteMessage(w, http.StatusOK, v); err != nil {
		a.logger.Warn("write response", "err", err)
	}
}

// MapErrors teaches the responder the domain errors of every module: the one place where
// domain errors become status codes. Every domain error a client may see is a problem.Error
// (identity's sentinels and rate limits included), so its message is translated by the
// catalogue like any other.
func MapErrors(rs *httpx.Responder) *httpx.Responder {
	return rs.
		MapFunc(mapUnavailable).
		MapFunc(mapProblem)
}

// unavailableRetry is the Retry-After of a 503 while the database cannot be reached (a
// restart or failover takes seconds).
const unavailableRetry = 5 * time.Second

// mapUnavailable answers 503 with Retry-After when the database cannot be reached, so
// clients and load balancers retry instead of seeing a server error.
func mapUnavailable(err error) (*httpx.Error, bool) {
	if !errors.Is(err, store.ErrUnavailable) {
		return nil, false
	}
	e := httpx.Unavailable("The service is temporarily unavailable. Please try again.")
	e.RetryAfter = unavailableRetry
	return e.Wrap(err), true
}

func mapProblem(err error) (*httpx.Error, bool) {
	p, ok := problem.As(err)
	if !ok {
		return nil, false
	}
	e := httpx.New(httpx.ProblemStatus(p.Kind), p.Message)
	e.Key, e.Args, e.RetryAfter = p.Key, p.Args, p.RetryAfter
	return e.Wrap(err), true
}
