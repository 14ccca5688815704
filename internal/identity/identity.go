// Package identity holds accounts: users with roles in an institution, argon2id passwords,
// server-side login sessions, API keys and login rate limits.
package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/problem"
	"memora/internal/store"
)

// The errors of identity are problems (401 and 403), compared with errors.Is; their English
// text is the catalogue key of their Arabic.
var (
	// ErrInvalidCredentials is a failed login or a bad API key; it never says which part.
	ErrInvalidCredentials = problem.New(problem.Unauthenticated, "Invalid login credentials")
	// ErrNotLoggedIn is a request without a valid session or key.
	ErrNotLoggedIn = problem.New(problem.Unauthenticated, "Not logged in")
	// ErrForbidden is a caller without the role an action needs.
	ErrForbidden = problem.New(problem.Forbidden, "Not permitted")
)

// errTooManyFailures refuses a login attempt for wait (429 with Retry-After).
func errTooManyFailures(wait time.Duration) error {
	return problem.Limited("Too many failed login attempts. Please try again later.", wait)
}

// Principal is the authenticated caller.
type Principal struct {
	UserID        int64
	InstitutionID string
	Email         string
	FullName      string
	AvatarURL     string
	Roles         []string
	// Location is the institution's time zone: the one clock for "today".
	Location *time.Location
}

// HasRole reports whether the caller holds any of roles.
func (p Principal) HasRole(roles ...string) bool {
	for _, r := range roles {
		if slices.Contains(p.Roles, r) {
			return true
		}
	}
	return false
}

// Zone is the institution's time zone (UTC when unknown).
func (p Principal) Zone() *time.Location {
	if p.Location == nil {
		return time.UTC
	}
	return p.Location
}

// Today is the caller's institution-local day at now: the one clock of streaks, quests,
// leaderboards and subscriptions.
func (p Principal) Today(now time.Time) time.Time { return clock.Day(now, p.Zone()) }

// Service authenticates callers.
type Service struct {
	Store      store.Store
	Clock      clock.Clock
	Audit      audit.Log
	Logger     *slog.Logger
	SessionTTL time.Duration
	Accounts   *FailureLimiter // failed logins per account
	Addresses  *FailureLimiter // failed logins per remote address
	SignUps    *FailureLimiter // failed sign-ups per remote address (nil: unlimited)
	Resets     ResetLimits     // password reset requests
	Mailer     Mailer          // sends reset links; nil: they are logged for the admin
	Hashes     *HashGate       // concurrent password checks (nil: one per core)
	// DemoMode (serve --demo) lets the demo loader's accounts (store.User.Demo) log in;
	// outside it they are refused like a wrong password, and their sessions and keys end.
	DemoMode bool
	// Epochs spare a cached session's per-request database read while its user's epoch is
	// unchanged (SessionEpochs; nil: every request reads the database).
	Epochs SessionEpochs

	zones    institutionZones
	sessions sessionCache
	stamps   epochStamps
	touches  sessionTouches
	gateOnce sync.Once
}

// gate is the password-check gate (Hashes, or the default one).
func (s *Service) gate() *HashGate {
	s.gateOnce.Do(func() {
		if s.Hashes == nil {
			s.Hashes = NewHashGate(0, 0)
		}
	})
	return s.Hashes
}

// LoginResult is a new session.
type LoginResult struct {
	Token     string
	ExpiresAt time.Time
	Principal Principal
}

// Login checks email and password and opens a session.
func (s *Service) Login(ctx context.Context, email, password, addr string) (LoginResult, error) {
	email = NormalizeEmail(email)
	now := s.Clock.Now()
	// The attempt counts against the account and the address before the password is
	// checked, and at most one check per core runs at once (HashGate).
	if err := s.takeAttempt(ctx, email, addr, now); err != nil {
		return LoginResult{}, err
	}
	u, ok, err := s.checkPassword(ctx, email, password)
	if err != nil {
		s.Accounts.Refund(email)
		s.Addresses.Refund(addr)
		return LoginResult{}, err
	}
	if !ok {
		s.Audit.Best(ctx, audit.Entry{InstitutionID: u.InstitutionID, ActorUserID: u.ID, ActorEmail: email,
			Action: audit.LoginFailed, RemoteAddr: addr})
		return LoginResult{}, ErrInvalidCredentials
	}
	s.Accounts.Reset(email)
	s.Addresses.Refund(addr)
	token, err := s.openSession(ctx, u.ID, now)
	if err != nil {
		return LoginResult{}, err
	}
	p, err := s.principal(ctx, u)
	if err != nil {
		return LoginResult{}, err
	}
	// The app's first requests follow the login at once: they find the caller cached.
	s.sessions.put(hashToken(token), p, u, now.Add(s.SessionTTL), now)
	s.Audit.Best(ctx, audit.Entry{InstitutionID: u.InstitutionID, ActorUserID: u.ID, ActorEmail: email,
		Action: audit.LoginSucceeded, RemoteAddr: addr})
	return LoginResult{Token: token, ExpiresAt: now.Add(s.SessionTTL), Principal: p}, nil
}

// takeAttempt counts a login attempt against the account and the address (FailureLimiter.Take),
// or refuses it (429) when either is over its limit.
func (s *Service) takeAttempt(ctx context.Context, email, addr string, now time.Time) error {
	ok, wait := s.Accounts.Take(email, now)
	if ok {
		if ok, wait = s.Addresses.Take(addr, now); !ok {
			s.Accounts.Refund(email)
		}
	}
	if ok {
		return nil
	}
	s.Audit.Best(ctx, audit.Entry{ActorEmail: email, Action: audit.LoginRateLimited, RemoteAddr: addr})
	return errTooManyFailures(wait)
}

// checkPassword reads the account of email and checks password against it, inside the
// password-check gate. ok is false for an unknown, disabled or password-less account.
func (s *Service) checkPassword(ctx context.Context, email, password string) (store.User, bool, error) {
	release, err := s.gate().enter(ctx)
	if err != nil {
		return store.User{}, false, err
	}
	defer release()
	u, err := s.Store.UserGetByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.User{}, false, fmt.Errorf("login: %w", err)
	}
	return u, s.passwordMatches(u, err == nil, password), nil
}

func (s *Service) passwordMatches(u store.User, found bool, password string) bool {
	hash := u.PasswordHash
	if !found || hash == "" || !u.Enabled || (u.Demo && !s.DemoMode) {
		_, _ = CheckPassword(dummyHash, password)
		return false
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		s.Logger.Error("stored password hash unreadable", "user", u.ID, "err", err)
	}
	return ok
}

func (s *Service) openSession(ctx context.Context, userID int64, now time.Time) (string, error) {
	token := randomToken(32)
	err := s.Store.AuthSessionInsert(ctx, store.AuthSession{
		TokenHash: hashToken(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(s.SessionTTL), LastSeenAt: now,
	})
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	return token, nil
}

// Logout ends the session of token.
func (s *Service) Logout(ctx context.Context, token string, p Principal, addr string) error {
	hash := hashToken(token)
	s.sessions.forget(hash)
	if err := s.Store.AuthSessionDelete(ctx, hash); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	s.changeEpoch(ctx, p.UserID) // every server refuses the session at its next request
	s.Audit.Best(ctx, audit.Entry{InstitutionID: p.InstitutionID, ActorUserID: p.UserID, ActorEmail: p.Email,
		Action: audit.Logout, RemoteAddr: addr})
	return nil
}

// sessionTouchEvery bounds how often a session's expiry is slid forward (one write per
// minute per session, not one per request).
const sessionTouchEvery = time.Minute

// AuthenticateSession returns the caller of a session token.
func (s *Service) AuthenticateSession(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, ErrNotLoggedIn
	}
	hash := hashToken(token)
	now := s.Clock.Now()
	if hit, ok := s.sessions.get(hash, now); ok {
		epoch, gen, known, fresh := s.epochFresh(ctx, hash, hit, now)
		if fresh && (!hit.demo || s.DemoMode) {
			return hit.who, nil // confirmed since, and nothing changed on any server
		}
		version, err := s.Store.AuthSessionVersion(ctx, hash)
		switch {
		case errors.Is(err, store.ErrNotFound): // logged out or ended on some server
			s.sessions.forget(hash)
			return Principal{}, ErrNotLoggedIn
		case err != nil:
			return Principal{}, fmt.Errorf("authenticate: %w", err)
		case hit.demo && !s.DemoMode:
			return Principal{}, ErrNotLoggedIn
		case version == hit.version:
			if known {
				s.stamp(hash, epoch, gen, version, now)
			}
			return hit.who, nil
		}
		s.sessions.forget(hash) // the user changed: load them again
	}
	sess, err := s.Store.AuthSessionGet(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrNotLoggedIn
	}
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate: %w", err)
	}
	if !now.Before(sess.ExpiresAt) {
		return Principal{}, ErrNotLoggedIn
	}
	if now.Sub(sess.LastSeenAt) > sessionTouchEvery {
		s.touchLater(hash, now) // off the request path
	}
	u, err := s.enabledUser(ctx, sess.UserID)
	if err != nil {
		return Principal{}, err
	}
	who, err := s.principal(ctx, u)
	if err != nil {
		return Principal{}, err
	}
	s.sessions.put(hash, who, u, sess.ExpiresAt, now)
	return who, nil
}

func (s *Service) principalByID(ctx context.Context, id int64) (Principal, error) {
	u, err := s.enabledUser(ctx, id)
	if err != nil {
		return Principal{}, err
	}
	return s.principal(ctx, u)
}

// enabledUser is the account id, or ErrNotLoggedIn when it is gone, disabled, or a demo
// account outside demo mode.
func (s *Service) enabledUser(ctx context.Context, id int64) (store.User, error) {
	u, err := s.Store.UserGet(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, ErrNotLoggedIn
	}
	if err != nil {
		return store.User{}, fmt.Errorf("load user: %w", err)
	}
	if !u.Enabled || (u.Demo && !s.DemoMode) {
		return store.User{}, ErrNotLoggedIn
	}
	return u, nil
}

func (s *Service) principal(ctx context.Context, u store.User) (Principal, error) {
	roles, err := s.Store.UserRoles(ctx, u.ID)
	if err != nil {
		return Principal{}, fmt.Errorf("load roles: %w", err)
	}
	loc, err := s.Location(ctx, u.InstitutionID)
	if err != nil {
		return Principal{}, err
	}
	return newPrincipal(u, roles, loc), nil
}

// NormalizeEmail lower-cases and trims an address, the form users are stored under.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is SHA-256: tokens and API secrets are random and long, so a slow hash adds
// nothing and a fast one keeps authentication off the CPU budget.
func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
