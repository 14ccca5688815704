package web

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

type userKey struct{}

func userFrom(r *http.Request) *identity.Principal {
	p, _ := r.Context().Value(userKey{}).(*identity.Principal)
	return p
}

func withUser(ctx context.Context, who *identity.Principal) context.Context {
	return context.WithValue(ctx, userKey{}, who)
}

// caller is the signed-in user of the request, or nil for a guest (an expired session is a guest).
func (w *App) caller(r *http.Request) (*identity.Principal, error) {
	token := httpx.SessionToken(r)
	if token == "" {
		return nil, nil
	}
	who, err := w.Identity.AuthenticateSession(r.Context(), token)
	if p, ok := problem.As(err); ok && p.Kind == problem.Unauthenticated {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &who, nil
}

// signedIn serves h to signed-in users and sends guests to the sign-in page, coming back after.
func (w *App) signedIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		who, err := w.caller(r)
		if err != nil {
			w.serverError(rw, r, err)
			return
		}
		if who == nil {
			http.Redirect(rw, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h(rw, r.WithContext(withUser(r.Context(), who)))
	})
}

// student is signedIn for pages that need an academic profile: a student who has not chosen a
// grade and season yet goes through onboarding first.
func (w *App) student(h http.HandlerFunc) http.Handler {
	return w.signedIn(func(rw http.ResponseWriter, r *http.Request) {
		elsewhere, err := w.notStudying(r, userFrom(r))
		if err != nil {
			w.serverError(rw, r, err)
			return
		}
		if elsewhere != "" {
			http.Redirect(rw, r, elsewhere, http.StatusSeeOther)
			return
		}
		h(rw, r)
	})
}

// notStudying says where a signed-in user who cannot use the student pages now belongs: "/app"
// for staff who do not study (they work at the desk), "/onboarding" for a student who has not
// chosen a grade and season yet; "" for one who can.
func (w *App) notStudying(r *http.Request, who *identity.Principal) (string, error) {
	if isStaff(*who) && !who.HasRole(store.RoleStudent) {
		return "/app", nil
	}
	info, err := w.Profile.LoginInfo(r.Context(), who)
	if err != nil {
		return "", err
	}
	if info.CurrentGrade == nil || info.Season == nil {
		return "/onboarding", nil
	}
	return "", nil
}

func (w *App) setSession(rw http.ResponseWriter, res identity.LoginResult) {
	httpx.SetSession(rw, res.Token, res.ExpiresAt, w.opts.CookieSecure)
}

func (w *App) clearSession(rw http.ResponseWriter) {
	httpx.ClearSession(rw, w.opts.CookieSecure)
}

// localPath keeps a redirect target on this site: only a path, never "//host" or a URL.
func localPath(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// explain is what a person reads for a domain error, in the page's language (with the wait for
// rate limits), and the status to answer with; "" for an error that is not theirs to fix.
func (l Localizer) explain(err error) (string, int) {
	p, ok := problem.As(err)
	if !ok {
		return "", http.StatusInternalServerError
	}
	status := httpx.ProblemStatus(p.Kind)
	if p.Kind == problem.RateLimited && p.RetryAfter > 0 {
		return l.T("error.rate_limited", "seconds", int(math.Ceil(p.RetryAfter.Seconds()))), status
	}
	return l.msgs.Localize(l.Lang, p.CatalogKey(), p.Message, p.Args...), status
}
