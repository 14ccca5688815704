// Package web is the student web app: server-rendered pages at "/" over the same domain
// services as the JSON API, with small ES modules (assets/js) for the lesson player and review
// sessions, which call the JSON API. One handler per page file (home_show.go, lesson_play.go…),
// templates in templates/, static files in assets/ (embedded, content-hashed URLs).
package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/leaderboard"
	"memora/internal/play"
	"memora/internal/profile"
	"memora/internal/progress"
	"memora/internal/review"
	"memora/internal/shop"
)

// Services are the domain services the pages read.
type Services struct {
	Identity    *identity.Service
	Profile     *profile.Service
	Catalog     *catalog.Service
	Play        *play.Service
	Progress    *progress.Service
	Leaderboard *leaderboard.Service
	Shop        *shop.Service
	Review      *review.Service
}

// Options configures cookies and what the sign-in page tells.
type Options struct {
	CookieSecure bool
	SessionTTL   time.Duration
	// Demo shows the demo accounts on the sign-in page.
	Demo bool
	// SiteURL is the origin e-mailed links point at (config's SiteURL, never a Host header).
	SiteURL string
}

// App serves the pages.
type App struct {
	Services
	opts   Options
	msgs   *i18n.Catalog
	clock  clock.Clock
	logger *slog.Logger
	pages  *pages
	assets *assets
	mux    *http.ServeMux
}

// New builds the web app; it fails only when the embedded templates or assets are broken.
func New(svc Services, opts Options, msgs *i18n.Catalog, clk clock.Clock, logger *slog.Logger) (*App, error) {
	as, err := loadAssets()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	w := &App{Services: svc, opts: opts, msgs: msgs, clock: clk, logger: logger, assets: as, mux: http.NewServeMux()}
	if w.pages, err = parsePages(as); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	w.routes()
	return w, nil
}

// ServeHTTP serves a page, an asset or the HTML 404, with the web app's security headers and
// compression.
func (w *App) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	secure(rw.Header())
	gz := compress(rw, r)
	defer gz.Close()
	w.mux.ServeHTTP(gz, r)
}

// routes declares every page. Pages that need a signed-in student are wrapped by student;
// the others see guests.
func (w *App) routes() {
	w.mux.Handle("GET /assets/{file}", w.assets)
	w.mux.HandleFunc("GET /favicon.ico", w.assets.favicon)
	w.mux.HandleFunc("GET /login", w.loginShow)
	w.mux.HandleFunc("POST /login", w.loginSubmit)
	w.mux.HandleFunc("POST /logout", w.logout)
	w.mux.HandleFunc("POST /lang", w.langSwitch)
	w.mux.HandleFunc("GET /signup", w.signupShow)
	w.mux.HandleFunc("POST /signup", w.signupSubmit)
	w.mux.HandleFunc("GET /forgot", w.forgotShow)
	w.mux.HandleFunc("POST /forgot", w.forgotSubmit)
	w.mux.HandleFunc("GET "+resetPath, w.resetShow)
	w.mux.HandleFunc("POST "+resetPath, w.resetSubmit)
	w.mux.Handle("GET /onboarding", w.signedIn(w.onboardingShow))
	w.mux.Handle("POST /onboarding", w.signedIn(w.onboardingSubmit))
	w.mux.Handle("GET /{$}", w.student(w.homeShow))
	w.mux.Handle("GET /subjects/{subject}", w.student(w.mapShow))
	w.mux.Handle("GET /topics/{topic}", w.student(w.topicShow))
	w.mux.Handle("GET /lessons/{lesson}", w.student(w.lessonPlay))
	w.mux.Handle("GET /review", w.student(w.reviewPlay))
	w.mux.Handle("GET /profile", w.student(w.profileShow))
	w.mux.Handle("GET /leaderboard", w.student(w.leaderboardShow))
	w.mux.Handle("GET /store", w.student(w.storeShow))
	w.mux.Handle("POST /store/request", w.student(w.storeRequest))
	w.mux.HandleFunc("/", w.notFoundPage)
}
