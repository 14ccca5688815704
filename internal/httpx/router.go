package httpx

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

const (
	msgNotFound         = "The requested resource was not found"
	msgMethodNotAllowed = "Method {method} is not allowed here; use {allow}"
)

// Route describes one registration, for comparison with the OpenAPI
// document. Methods is nil for a route that accepts any method.
type Route struct {
	Methods []string
	Pattern string
	Summary string
}

// Router is an http.ServeMux that answers wrong methods and unknown paths
// with Frappe JSON bodies and remembers what it serves.
type Router struct {
	mux    *http.ServeMux
	paths  map[string]*methodTable
	routes []Route
}

// methodTable dispatches one pattern's requests by method.
type methodTable struct {
	byMethod map[string]http.Handler
	any      http.Handler
}

// NewRouter returns an empty Router.
func NewRouter() *Router {
	return &Router{mux: http.NewServeMux(), paths: map[string]*methodTable{}}
}

// Read registers a read: GET, HEAD, and POST because Frappe clients may
// POST reads.
func (rt *Router) Read(pattern, summary string, h http.Handler) {
	rt.Handle(pattern, summary, h, http.MethodGet, http.MethodHead, http.MethodPost)
}

// Mutation registers a state-changing route: POST only.
func (rt *Router) Mutation(pattern, summary string, h http.Handler) {
	rt.Handle(pattern, summary, h, http.MethodPost)
}

// Handle registers h for pattern (a ServeMux pattern without a method) and
// methods; GET implies HEAD. With no methods h gets every method, for
// mounted sub-applications that check methods themselves. Conflicting
// registrations panic, as they do on ServeMux.
func (rt *Router) Handle(pattern, summary string, h http.Handler, methods ...string) {
	if strings.ContainsAny(pattern, " \t") {
		panic(fmt.Sprintf("httpx: pattern %q: pass methods as arguments, not in the pattern", pattern))
	}
	table := rt.table(pattern)
	methods = withHead(methods)
	if err := table.add(h, methods); err != nil {
		panic(fmt.Sprintf("httpx: pattern %q: %v", pattern, err))
	}
	rt.routes = append(rt.routes, Route{Methods: methods, Pattern: pattern, Summary: summary})
}

// Routes lists the registrations, sorted by pattern.
func (rt *Router) Routes() []Route {
	out := make([]Route, len(rt.routes))
	for i, r := range rt.routes {
		out[i] = Route{Methods: slices.Clone(r.Methods), Pattern: r.Pattern, Summary: r.Summary}
	}
	slices.SortStableFunc(out, func(a, b Route) int { return cmp.Compare(a.Pattern, b.Pattern) })
	return out
}

// ServeHTTP answers unknown paths with a JSON 404 rather than ServeMux's
// plain text; register "/" to take over unknown paths (the web client).
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := rt.mux.Handler(r); pattern == "" {
		WriteError(w, r, NotFound(msgNotFound))
		return
	}
	rt.mux.ServeHTTP(w, r)
}

func (rt *Router) table(pattern string) *methodTable {
	if t, ok := rt.paths[pattern]; ok {
		return t
	}
	t := &methodTable{byMethod: map[string]http.Handler{}}
	rt.paths[pattern] = t
	rt.mux.Handle(pattern, t)
	return t
}

func withHead(methods []string) []string {
	methods = slices.Clone(methods)
	if slices.Contains(methods, http.MethodGet) && !slices.Contains(methods, http.MethodHead) {
		methods = append(methods, http.MethodHead)
	}
	return methods
}

func (t *methodTable) add(h http.Handler, methods []string) error {
	if len(methods) == 0 {
		if t.any != nil || len(t.byMethod) > 0 {
			return errors.New("already registered")
		}
		t.any = h
		return nil
	}
	if t.any != nil {
		return errors.New("already registered for any method")
	}
	for _, m := range methods {
		if _, dup := t.byMethod[m]; dup {
			return fmt.Errorf("method %s registered twice", m)
		}
		t.byMethod[m] = h
	}
	return nil
}

func (t *methodTable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setPattern(r.Context(), r.Pattern)
	if t.any != nil {
		t.any.ServeHTTP(w, r)
		return
	}
	if h, ok := t.byMethod[r.Method]; ok {
		h.ServeHTTP(w, r)
		return
	}
	allow := t.allow()
	w.Header().Set("Allow", allow)
	WriteError(w, r, Newf(http.StatusMethodNotAllowed, msgMethodNotAllowed, "method", r.Method, "allow", allow))
}

func (t *methodTable) allow() string {
	methods := make([]string, 0, len(t.byMethod))
	for m := range t.byMethod {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	return strings.Join(methods, ", ")
}
