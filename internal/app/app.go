// Package app is the composition root: it opens the database (PostgreSQL or SQLite) and
// the optional Redis, builds the services, the HTTP handler and the worker, starts them in
// order and stops them in reverse.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/redis/go-redis/v9"

	"memora/internal/api"
	"memora/internal/audit"
	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/httpx"
	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/leaderboard"
	"memora/internal/leaderboard/redisboard"
	"memora/internal/mail"
	"memora/internal/metrics"
	"memora/internal/play"
	"memora/internal/profile"
	"memora/internal/progress"
	"memora/internal/record"
	"memora/internal/review"
	"memora/internal/season"
	"memora/internal/shop"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/store/engine"
	"memora/internal/store/pgstore"
	"memora/internal/store/readcache"
	"memora/internal/web"
)

// App is a running Memora.
type App struct {
	Config  config.Config
	Logger  *slog.Logger
	Clock   clock.Clock
	Store   store.Store
	Metrics *metrics.Metrics
	// Messages is the catalogue every page and API message is read from, in Arabic and English.
	Messages *i18n.Catalog
	// Demo makes the sign-in page name the demo accounts (serve --demo).
	Demo bool
	// Reads caches the profile, season and plan rows every student request starts with.
	Reads *readcache.Store
	Audit audit.Log

	Identity *identity.Service
	Profile  *profile.Service
	Catalog  *catalog.Service
	Play     *play.Service

	Progress    *progress.Service
	Leaderboard *leaderboard.Service
	Shop        *shop.Service
	// XPObservers hear every committed XP credit (lesson, review, quest): pass them to the
	// services that credit XP.
	XPObservers progress.Observers
	boardRedis  *rediscache.Client // the leaderboards' Redis client; nil without Redis
	// beforePrimeStudents, when set (tests), runs before the background priming of the students.
	beforePrimeStudents func(context.Context)

	// Redis is the shared Redis client behind the Safe-Mode breaker; nil without Redis.
	Redis *rediscache.Client
	// Schedule is the cached review schedule, told of memory states after each commit.
	Schedule *review.Schedule
	Review   *review.Service
	// SRSFit fits and keeps the FSRS-6 parameters the scheduler uses (weekly job, staff).
	SRSFit *srsfit.Service
	// Recorder records lesson and review sessions once; its Effects list what follows a
	// committed session (the schedule, the leaderboards).
	Recorder *record.Recorder

	// Season runs season lifecycle, archival, reconciliation and cache rebuilds; Jobs is
	// River (working here when MEMORA_WORKER is true); JobsUI its dashboard.
	Season     *season.Service
	Jobs       *jobs.Runner
	JobsUI     *jobs.UI
	components []Component
	started    bool

	router *httpx.Router
}

// ReadYourWritesWindow is how long after a write its client's reads stay on the primary
// when a read replica is configured: well beyond the lag the replica may have and still
// answer (pgstore.DefaultReplicaMaxLag) plus the interval it is checked at.
const ReadYourWritesWindow = 3 * pgstore.DefaultReplicaMaxLag

// Open connects to the database (applying migrations) and builds the services.
func Open(ctx context.Context, cfg config.Config, logger *slog.Logger, clk clock.Clock) (*App, error) {
	m := metrics.NewWith(metrics.Options{RequestTimeout: cfg.RequestTimeout})
	var replicaUp func(bool)
	if cfg.DatabaseReplicaURL != "" {
		gauge := m.DBReplicaUp()
		replicaUp = func(up bool) {
			if up {
				gauge.Set(1)
			} else {
				gauge.Set(0)
			}
		}
	}
	var minConns int32
	if cfg.Prime { // the primed pool stays whole (prime.go)
		minConns = int32(cfg.DBMaxConns)
	}
	st, err := engine.Open(ctx, cfg.DatabaseURL, engine.Options{
		PostgresMaxConns: int32(cfg.DBMaxConns), PostgresMinConns: minConns, SQLiteReaders: cfg.SQLiteReaders,
		PostgresReplicaURL: cfg.DatabaseReplicaURL, Logger: logger, ReplicaUp: replicaUp,
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := jobs.Migrate(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	msgs, err := i18n.Load()
	if err != nil {
		st.Close()
		return nil, err
	}
	a := &App{Config: cfg, Logger: logger, Clock: clk, Store: st, Metrics: m, Messages: msgs}
	a.Audit = audit.Log{Store: st, Clock: clk, Logger: logger}
	var mailer identity.Mailer // nil: password reset links are logged for the admin
	if cfg.SMTPURL != "" {
		smtp, err := mail.NewSMTP(cfg.SMTPURL)
		if err != nil {
			st.Close()
			return nil, err
		}
		mailer = &mail.Background{Mailer: smtp, Logger: logger} // answers never wait for the mail server
	}
	a.Identity = &identity.Service{
		Store: st, Clock: clk, Audit: a.Audit, Logger: logger, SessionTTL: cfg.SessionTTL,
		Accounts:  identity.NewFailureLimiter(cfg.LoginRate, cfg.LoginWindow),
		Addresses: identity.NewFailureLimiter(cfg.LoginRate*4, cfg.LoginWindow),
		SignUps:   identity.NewFailureLimiter(cfg.LoginRate*4, cfg.LoginWindow),
		Resets:    identity.DefaultResetLimits(), Mailer: mailer,
	}
	a.Reads = readcache.New(st, clk)
	a.Catalog = catalog.NewService(a.Reads, clk)
	// A new grade, stream or season changes the plan and what the player may open.
	reads, access := a.Reads, a.Catalog
	a.Profile = &profile.Service{Store: st, Clock: clk, Changed: func(userID int64) {
		reads.Forget(userID)
		access.InvalidateAccess(userID)
	}}
	if err := a.openGamification(); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openReviews(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if a.Redis != nil { // login and sign-up limits shared by every instance behind a load balancer
		a.Identity.Accounts.Shared = rediscache.LoginCounts{C: a.Redis, Prefix: "login:account:"}
		a.Identity.Addresses.Shared = rediscache.LoginCounts{C: a.Redis, Prefix: "login:address:"}
		a.Identity.SignUps.Shared = rediscache.LoginCounts{C: a.Redis, Prefix: "signup:address:"}
		// A cached session is served without a database read while its user's epoch is unchanged.
		a.Identity.Epochs = rediscache.SessionEpochs{C: a.Redis, Prefix: "session:epoch:"}
	}
	if err := a.openOperations(); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// Close releases the database.
func (a *App) Close() error {
	if a.Identity != nil {
		a.Identity.StopEpochRetries() // before Redis closes: one last try of the failed epoch changes
		a.Identity.WaitTouches()      // the sessions' expiries slid in the background reach the store
	}
	if bg, ok := a.Identity.Mailer.(*mail.Background); ok {
		bg.Wait() // the reset links already handed over still go out
	}
	if a.boardRedis != nil {
		a.boardRedis.Close()
	}
	if a.Redis != nil {
		a.Redis.Close()
	}
	return a.Store.Close()
}

// Routes lists what the HTTP handler serves (for the OpenAPI agreement test).
func (a *App) Routes() []httpx.Route {
	if a.router == nil {
		return nil
	}
	return a.router.Routes()
}

// Handler is the whole HTTP surface: API, health, metrics, OpenAPI, under the middleware.
func (a *App) Handler() (http.Handler, error) {
	rt := httpx.NewRouter()
	api.New(api.Services{Identity: a.Identity, Profile: a.Profile, Catalog: a.Catalog, Play: a.Play,
		Progress: a.Progress, Leaderboard: a.Leaderboard, Shop: a.Shop, Review: a.Review,
		Season: a.Season, Audit: a.Audit, Jobs: a.Jobs, JobsUI: a.JobsUI, Staff: a.StaffServices(), SRSFit: a.SRSFit},
		api.Options{CookieSecure: a.Config.CookieSecure, SessionTTL: a.Config.SessionTTL, SiteURL: a.Config.SiteURL()}, a.Clock, a.Logger).Register(rt)
	pages, err := web.New(web.Services{Identity: a.Identity, Profile: a.Profile, Catalog: a.Catalog, Play: a.Play,
		Progress: a.Progress, Leaderboard: a.Leaderboard, Shop: a.Shop, Review: a.Review},
		web.Options{CookieSecure: a.Config.CookieSecure, SessionTTL: a.Config.SessionTTL, Demo: a.Demo,
			SiteURL: a.Config.SiteURL()},
		a.Messages, a.Clock, a.Logger)
	if err != nil {
		return nil, err
	}
	staff := a.StaffServices()
	pages.MountDesk(web.Desk{Season: a.Season, Audit: a.Audit, JobsUI: a.JobsUI != nil, Authoring: staff.Authoring, Teaching: staff.Teaching,
		RunJob: func(ctx context.Context, c identity.Caller, name string) (jobs.RunNowResult, error) {
			return a.Jobs.Run(ctx, a.Store, a.Audit, c, name)
		},
		SRSParams: func(ctx context.Context, c identity.Caller, seasonID string) (srsfit.Versions, error) {
			return a.SRSFit.List(ctx, c, "", seasonID)
		}, SRSFit: a.SRSFit,
		NoSystemManager: func(ctx context.Context) (bool, error) {
			managers, err := a.Store.UserEmailsWithRole(ctx, store.RoleSystemManager)
			return len(managers) == 0, err
		}})
	rt.Handle("/", "The student web app (HTML pages; unknown /api/ paths answer a JSON 404)", pages)
	rt.Handle("/healthz", "Process alive", http.HandlerFunc(httpx.Healthz), http.MethodGet)
	var informational map[string]httpx.Check
	if a.Redis != nil {
		informational = map[string]httpx.Check{"redis": a.Redis.Ping} // down only means Safe Mode
	}
	rt.Handle("/readyz", "Database reachable; Redis state", httpx.Readyz(
		map[string]httpx.Check{"database": a.Store.Ping}, informational), http.MethodGet)
	if a.Config.MetricsAddr == "" { // else on its own listener (Serve)
		rt.Handle("/metrics", "Prometheus metrics", a.Metrics.Handler(), http.MethodGet)
	}
	rt.Handle("/api/openapi.json", "This API's OpenAPI document", api.OpenAPIHandler(), http.MethodGet)
	a.router = rt
	var h http.Handler = rt
	if a.Config.DatabaseReplicaURL != "" { // a client's reads follow its own writes (docs/deploy.md)
		h = httpx.ReplicaReads(rt, a.Clock, ReadYourWritesWindow, a.Config.CookieSecure)
	}
	return httpx.Stack(h, httpx.Options{
		Logger: a.Logger, Observer: a.Metrics, Responder: api.MapErrors(httpx.NewResponder(a.Logger)),
		Timeout: a.Config.RequestTimeout, MaxBodyBytes: a.Config.MaxBodyBytes, TrustedOrigins: a.Config.TrustedOrigins,
		TrustedProxies: a.Config.TrustedProxyPrefixes(), HSTS: a.Config.CookieSecure || a.Config.TLS(),
	})
}

// openGamification builds profile stats, quests, leaderboards and the store. With Redis the
// leaderboards are sorted sets kept current by an XP observer (the SQL board answers when
// Redis fails); without it they are indexed SQL, with the same answers.
func (a *App) openGamification() error {
	sqlBoard := leaderboard.SQLBoard{Store: a.Store}
	var board leaderboard.Board = sqlBoard
	if a.Config.Redis.Enabled() {
		// A client of their own behind their own breaker: while Redis is down boards answer
		// from SQL at once and crediting XP is never slowed down by it.
		opts, err := rediscache.UniversalOptions(a.Config.Redis.Addrs, a.Config.RedisTimeout)
		if err != nil {
			return fmt.Errorf("leaderboard redis: %w", err)
		}
		rc := rediscache.New(redis.NewUniversalClient(opts), a.Clock, rediscache.Options{Timeout: a.Config.RedisTimeout,
			FailureThreshold: a.Config.RedisFailures, Logger: a.Logger, Metrics: rediscache.Metrics{Latency: a.Metrics.RedisLatency()}})
		a.boardRedis = rc
		redisBoard, observer := redisboard.New(rc, a.Store, sqlBoard, a.Logger)
		board, a.XPObservers = redisBoard, append(a.XPObservers, observer)
	}
	a.Leaderboard = &leaderboard.Service{Board: board, Store: a.Store, Clock: a.Clock}
	// The quests and profile stats take the season from the profiles other requests cached.
	a.Progress = &progress.Service{Store: a.Store, Clock: a.Clock, Profiles: a.Reads}
	a.Shop = &shop.Service{Store: a.Store, Clock: a.Clock, Audit: a.Audit, Access: a.Catalog.Cache}
	return nil
}

// openReviews builds the session recorder, lesson play and review sessions. With Redis the
// schedule is cached there behind the circuit breaker that decides Safe Mode; without it
// reviews read the database.
func (a *App) openReviews(ctx context.Context) error {
	var queue cache.DueQueue
	var health review.Health
	if a.Config.Redis.Enabled() {
		rc, err := rediscache.Open(ctx, a.Config.Redis.Addrs, a.Clock, rediscache.Options{
			Timeout: a.Config.RedisTimeout, FailureThreshold: a.Config.RedisFailures, Logger: a.Logger, Metrics: rediscache.Metrics{
				Up: a.Metrics.RedisUp(), SafeMode: a.Metrics.SafeMode(), Latency: a.Metrics.RedisLatency()}})
		if err != nil {
			return fmt.Errorf("open redis: %w", err)
		}
		a.Redis, queue, health = rc, rediscache.NewSchedule(rc, review.ScheduleSource(a.Store)), rc
	}
	a.Schedule = review.NewSchedule(queue, health, a.Logger)
	// Daily quests count the due items from the schedule (the database without Redis).
	a.Progress.Due, a.Progress.Seasons = a.Schedule, a.Reads
	a.Recorder = record.New(a.Store, record.Effects{Schedule: a.Schedule, Boards: a.XPObservers})
	a.Play = play.NewService(a.Reads, a.Clock, a.Catalog, a.Recorder)
	a.Review = review.NewService(a.Reads, a.Clock, a.Schedule,
		cache.NewSharedSafeModeLimiter(a.Store, a.Config.SafeModeGlobalPerMin, a.Config.SafeModePlayerInterval, a.Logger), a.Recorder, a.Logger)
	return nil
}
