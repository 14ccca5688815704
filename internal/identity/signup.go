package identity

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// The refusals of SignUp; their English text is the catalogue key of their Arabic.
const (
	msgJoinCodeMissing = "Please enter your join code."
	msgJoinCodeInvalid = "This join code is not valid."
	msgJoinCodeOff     = "This join code is no longer active."
	msgJoinCodeExpired = "This join code has expired."
	msgJoinCodeUsedUp  = "This join code has been used up."
	msgNameMissing     = "Please enter your full name."
	msgNameLong        = "The full name must have at most 140 characters."
	msgEmailInvalid    = "Please enter a valid e-mail address."
	msgEmailTaken      = "An account with this e-mail already exists. Sign in or reset your password."
	msgSignUpRateLimit = "Too many sign-up attempts. Please try again later."
	maxFullNameLength  = 140
	maxEmailLength     = 254
)

// SignUp is what a new student gives to create an account.
type SignUp struct {
	JoinCode string
	FullName string
	Email    string
	Password string
}

// SignUp creates a Student account in the institution of a join code and opens its session,
// as Login does. The code must exist, be enabled, unexpired and have uses left; the e-mail
// must be well-formed and unused; the full name not blank; the password must pass
// ValidatePassword. The account, its role, the code's use and the audit entry are written
// in one transaction. Failed attempts count against the address (addr) like failed logins.
func (s *Service) SignUp(ctx context.Context, in SignUp, addr string) (LoginResult, error) {
	now := s.Clock.Now()
	if blocked, wait := s.SignUps.blocked(addr, now); blocked {
		s.Audit.Best(ctx, audit.Entry{ActorEmail: NormalizeEmail(in.Email), Action: ActionSignUpRateLimited, RemoteAddr: addr})
		return LoginResult{}, problem.Limited(msgSignUpRateLimit, wait)
	}
	u, err := s.signUp(ctx, in, addr, now)
	if err != nil {
		if p, ok := problem.As(err); ok && p.Kind != problem.Unavailable {
			s.SignUps.fail(addr, now)
		}
		return LoginResult{}, err
	}
	return s.startSession(ctx, u, now)
}

func (s *Service) signUp(ctx context.Context, in SignUp, addr string, now time.Time) (store.User, error) {
	code, err := s.usableJoinCode(ctx, in.JoinCode, now)
	if err != nil {
		return store.User{}, err
	}
	name, err := fullName(in.FullName)
	if err != nil {
		return store.User{}, err
	}
	email, err := validEmail(in.Email)
	if err != nil {
		return store.User{}, err
	}
	if err := ValidatePassword(in.Password, email); err != nil {
		return store.User{}, err
	}
	if _, err := s.Store.UserGetByEmail(ctx, email); err == nil {
		return store.User{}, problem.ConflictMsg(msgEmailTaken)
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.User{}, fmt.Errorf("sign up: %w", err)
	}
	hash, err := s.hashPassword(ctx, in.Password)
	if err != nil {
		return store.User{}, err
	}
	var u store.User
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		var err error
		u, err = tx.UserInsert(ctx, store.UserUpsertParams{InstitutionID: code.InstitutionID, Email: email,
			FullName: name, Enabled: true, CreatedAt: now})
		if errors.Is(err, store.ErrConflict) {
			return problem.ConflictMsg(msgEmailTaken)
		}
		if err != nil {
			return err
		}
		if err := tx.UserSetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := tx.UserRoleAdd(ctx, u.ID, code.Role); err != nil {
			return err
		}
		if err := tx.JoinCodeUse(ctx, code.Code, now); errors.Is(err, store.ErrNotFound) {
			return problem.InvalidMsg(msgJoinCodeUsedUp) // another sign-up took the last use
		} else if err != nil {
			return err
		}
		u.PasswordHash = hash
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: u.InstitutionID, ActorUserID: u.ID, ActorEmail: email,
			Action: ActionSignedUp, Target: email, RemoteAddr: addr, Detail: map[string]string{"join_code": code.Code, "role": code.Role}})
	})
	if err != nil {
		if _, ok := problem.As(err); ok {
			return store.User{}, err
		}
		return store.User{}, fmt.Errorf("sign up %s: %w", email, err)
	}
	return u, nil
}

// usableJoinCode finds a code and says why it cannot be used, if it cannot.
func (s *Service) usableJoinCode(ctx context.Context, raw string, now time.Time) (store.JoinCode, error) {
	code := NormalizeJoinCode(raw)
	if code == "" {
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeMissing)
	}
	if !ValidJoinCode(code) {
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeInvalid)
	}
	c, err := s.Store.JoinCodeGet(ctx, code)
	if errors.Is(err, store.ErrNotFound) {
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeInvalid)
	}
	if err != nil {
		return store.JoinCode{}, fmt.Errorf("join code: %w", err)
	}
	switch JoinCodeState(c, now) {
	case JoinCodeDisabled:
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeOff)
	case JoinCodeExpired:
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeExpired)
	case JoinCodeUsedUp:
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeUsedUp)
	}
	return c, nil
}

// startSession opens a session for a user who just proved who they are, as Login does.
func (s *Service) startSession(ctx context.Context, u store.User, now time.Time) (LoginResult, error) {
	token, err := s.openSession(ctx, u.ID, now)
	if err != nil {
		return LoginResult{}, err
	}
	p, err := s.principal(ctx, u)
	if err != nil {
		return LoginResult{}, err
	}
	s.sessions.put(hashToken(token), p, u, now.Add(s.SessionTTL), now)
	return LoginResult{Token: token, ExpiresAt: now.Add(s.SessionTTL), Principal: p}, nil
}

func fullName(raw string) (string, error) {
	name := strings.Join(strings.Fields(raw), " ")
	if name == "" {
		return "", problem.InvalidMsg(msgNameMissing)
	}
	if utf8.RuneCountInString(name) > maxFullNameLength {
		return "", problem.InvalidMsg(msgNameLong)
	}
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", problem.InvalidMsg(msgNameMissing)
	}
	return name, nil
}

// validEmail is the normalized address when it is one bare, well-formed address.
func validEmail(raw string) (string, error) {
	email := NormalizeEmail(raw)
	a, err := netmail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" || len(email) > maxEmailLength ||
		!strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") {
		return "", problem.InvalidMsg(msgEmailInvalid)
	}
	return email, nil
}

// blocked is FailureLimiter.Blocked for an optional limiter (nil: never).
func (l *FailureLimiter) blocked(key string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return false, 0
	}
	return l.Blocked(key, now)
}

// fail is FailureLimiter.Fail for an optional limiter.
func (l *FailureLimiter) fail(key string, now time.Time) {
	if l != nil {
		l.Fail(key, now)
	}
}

// SignUpField names the sign-up form's field a refusal of SignUp is about ("join_code",
// "full_name", "email" or "password"), so a form can mark it and put the cursor there; ""
// when it is about none (a rate limit, an outage).
func SignUpField(err error) string {
	var p *problem.Error
	if !errors.As(err, &p) {
		return ""
	}
	switch p.Message {
	case msgJoinCodeMissing, msgJoinCodeInvalid, msgJoinCodeOff, msgJoinCodeExpired, msgJoinCodeUsedUp:
		return "join_code"
	case msgNameMissing, msgNameLong:
		return "full_name"
	case msgEmailInvalid, msgEmailTaken:
		return "email"
	case msgPasswordShort, msgPasswordLong, msgPasswordBlank, msgPasswordRepeated, msgPasswordIsEmail, msgPasswordCommon:
		return "password"
	}
	return ""
}
