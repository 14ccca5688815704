package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"memora/internal/audit"
	"memora/internal/mail"
	"memora/internal/problem"
	"memora/internal/store"
)

// Mailer sends e-mail (internal/mail's SMTP, or a fake in tests).
type Mailer = mail.Mailer

// ResetTTL is how long a password reset link works.
const ResetTTL = time.Hour

// ResetLimits bound password reset requests: per remote address (over the limit: 429) and
// per account (over the limit the request is dropped silently, so the answer never tells
// whether an account exists). Nil limiters do not limit.
type ResetLimits struct {
	Addresses *FailureLimiter
	Accounts  *FailureLimiter
}

// DefaultResetLimits allows 3 links per account and 20 requests per address per hour.
func DefaultResetLimits() ResetLimits {
	return ResetLimits{Addresses: NewFailureLimiter(20, time.Hour), Accounts: NewFailureLimiter(3, time.Hour)}
}

const (
	msgResetRateLimit = "Too many password reset requests. Please try again later."
	msgResetInvalid   = "This password reset link is invalid or has expired."
)

// RequestPasswordReset sends a one-time link (resetURLBase + "?token=" + token, valid for
// ResetTTL) to the account of email when it exists and is enabled; without a Mailer the link
// is logged at Info level for the admin to pass on. It answers the same (nil) whether the
// account exists or not; only a malformed address (400) or too many requests from addr
// (429) are refused. A mail server's failure is logged, not returned.
func (s *Service) RequestPasswordReset(ctx context.Context, email, resetURLBase, addr string) error {
	now := s.Clock.Now()
	if blocked, wait := s.Resets.Addresses.blocked(addr, now); blocked {
		return problem.Limited(msgResetRateLimit, wait)
	}
	email, err := validEmail(email)
	if err != nil {
		return err
	}
	s.Resets.Addresses.fail(addr, now)
	if blocked, _ := s.Resets.Accounts.blocked(email, now); blocked {
		s.Logger.Info("password reset request dropped: too many for this account", "client", addr) // no e-mail address in logs
		return nil
	}
	s.Resets.Accounts.fail(email, now)
	u, err := s.Store.UserGetByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	if !u.Enabled {
		return nil
	}
	token := randomToken(32)
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		err := tx.PasswordResetInsert(ctx, store.PasswordReset{TokenHash: hashToken(token), UserID: u.ID,
			CreatedAt: now, ExpiresAt: now.Add(ResetTTL)})
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: u.InstitutionID, ActorUserID: u.ID, ActorEmail: email,
			Action: ActionPasswordResetRequested, Target: email, RemoteAddr: addr})
	})
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	link := resetLink(resetURLBase, token)
	if s.Mailer == nil {
		s.Logger.Info("password reset link", "user", u.ID, "link", link)
		return nil
	}
	if err := s.Mailer.Send(ctx, resetMessage(u, link)); err != nil {
		s.Logger.Error("password reset e-mail not sent", "user", u.ID, "err", err)
	}
	return nil
}

// ResetPassword sets a new password with a reset link's token: the token must be unused
// and unexpired, the password must pass ValidatePassword. The token is spent with every other
// unused link of the account (an older link in a mailbox must not undo the new password),
// every session of the account ends, and the change is audited.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) error {
	now := s.Clock.Now()
	hash := hashToken(strings.TrimSpace(token))
	r, err := s.Store.PasswordResetGet(ctx, hash)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (r.UsedAt != nil || !now.Before(r.ExpiresAt))) {
		return problem.InvalidMsg(msgResetInvalid)
	}
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	u, err := s.Store.UserGet(ctx, r.UserID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !u.Enabled) {
		return problem.InvalidMsg(msgResetInvalid)
	}
	if err != nil {
		return fmt.Errorf("password reset: %w", err)
	}
	if err := ValidatePassword(newPassword, u.Email); err != nil {
		return err
	}
	pwHash, err := s.hashPassword(ctx, newPassword)
	if err != nil {
		return err
	}
	var ended int64
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.PasswordResetUse(ctx, hash, now); errors.Is(err, store.ErrNotFound) {
			return problem.InvalidMsg(msgResetInvalid) // spent meanwhile
		} else if err != nil {
			return err
		}
		if _, err := tx.PasswordResetSpendByUser(ctx, u.ID, now); err != nil { // the account's other links too
			return err
		}
		if err := tx.UserSetPassword(ctx, u.ID, pwHash); err != nil {
			return err
		}
		var err error
		if ended, err = endSessions(ctx, tx, u.ID, true); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: u.InstitutionID, ActorUserID: u.ID, ActorEmail: u.Email,
			Action: ActionPasswordReset, Target: u.Email, Detail: map[string]int64{"sessions_ended": ended}})
	})
	if err != nil {
		if _, ok := problem.As(err); ok {
			return err
		}
		return fmt.Errorf("password reset: %w", err)
	}
	s.SessionsEnded(ctx, u.ID)
	if s.Accounts != nil {
		s.Accounts.Reset(u.Email) // a locked-out owner may sign in with the new password at once
	}
	return nil
}

// resetLink appends the token to the page address.
func resetLink(base, token string) string {
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "token=" + token
}

// resetMessage is the e-mail with the link, in Arabic and English.
func resetMessage(u store.User, link string) mail.Message {
	name := u.FullName
	if name == "" {
		name = u.Email
	}
	body := fmt.Sprintf("مرحبًا %s،\n\nطلبتَ إعادة تعيين كلمة المرور لحسابك في Memora. افتح الرابط التالي خلال ساعة لاختيار كلمة مرور جديدة:\n\n%s\n\n"+
		"إن لم تطلب ذلك فتجاهل هذه الرسالة، ولن يتغير شيء.\n\n----\n\n"+
		"Hello %s,\n\nYou asked to reset the password of your Memora account. Open this link within an hour to choose a new password:\n\n%s\n\n"+
		"If you did not ask for this, ignore this message: nothing will change.\n", name, link, name, link)
	return mail.Message{To: []string{u.Email}, Subject: "إعادة تعيين كلمة المرور — Memora password reset", Body: body}
}
