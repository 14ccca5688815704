// Package privacy gives a user a copy of everything Memora holds about them (export) and
// erases it (erase): most users are students, minors whose data their parents may ask for or
// have removed. The database is the truth; after an erasure the caches that may still hold
// the user (Redis schedules and leaderboards, in-process caches) are told to forget them.
package privacy

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// Actions recorded in the audit log. Their targets name the user by id: an erased user's
// entry must not keep the e-mail address.
const (
	ActionExported = "user.data_exported"
	ActionErased   = "user.erased"
)

// Format names the export document's layout.
const Format = "memora.user-export/1"

const (
	msgUserNotFound = "User not found"
	msgStaffOnly    = "You don't have permission to manage people. This action requires the Institution Admin role."
	msgSystemTarget = "Only a System Manager can erase a System Manager's account."
	msgSelfErase    = "You cannot erase your own account."
)

// Forgetter drops what a cache keeps of a user (after the erasure committed).
type Forgetter interface {
	ForgetUser(ctx context.Context, userID int64, institutionID string) error
}

// ForgetFunc is a Forgetter made of a function.
type ForgetFunc func(ctx context.Context, userID int64, institutionID string) error

// ForgetUser calls f.
func (f ForgetFunc) ForgetUser(ctx context.Context, userID int64, institutionID string) error {
	return f(ctx, userID, institutionID)
}

// Service exports and erases users' data. Staff calls are scoped: a System Manager reaches
// every user, an Institution Admin the users of their institution.
type Service struct {
	Store  store.Store
	Clock  clock.Clock
	Audit  audit.Log
	Logger *slog.Logger
	// Caches forget an erased user; a failure is logged (the database no longer has them,
	// and every cache entry expires).
	Caches []Forgetter
	// Progress, when set, adds the user's computed progress (level, streak, quests) to the
	// export, beside the rows it is computed from.
	Progress func(ctx context.Context, who identity.Principal) (any, error)
}

// Export is the document a user's data export is.
type Export struct {
	Format     string    `json:"format"`
	ExportedAt time.Time `json:"exported_at"`
	UserID     int64     `json:"user_id"`
	store.UserData
	Progress any `json:"progress,omitempty"`
}

// Erased reports an erasure: the rows deleted or anonymised per table.
type Erased struct {
	UserID int64            `json:"user_id"`
	Rows   store.UserErased `json:"rows"`
}

// Export returns everything held about a user, audited.
func (s *Service) Export(ctx context.Context, c identity.Caller, userID int64) (Export, error) {
	u, err := s.target(ctx, s.Store, c, userID)
	if err != nil {
		return Export{}, err
	}
	data, err := s.Store.UserData(ctx, u.ID, u.Email)
	if err != nil {
		return Export{}, fmt.Errorf("export user %d: %w", u.ID, err)
	}
	out := Export{Format: Format, ExportedAt: s.Clock.Now().UTC(), UserID: u.ID, UserData: data}
	if s.Progress != nil {
		if out.Progress, err = s.progress(ctx, u); err != nil {
			return Export{}, fmt.Errorf("export user %d: %w", u.ID, err)
		}
	}
	if err := s.Audit.Record(ctx, s.Store, s.entry(c, ActionExported, u, nil)); err != nil {
		return Export{}, fmt.Errorf("export user %d: %w", u.ID, err)
	}
	return out, nil
}

// Erase removes a user and everything of theirs in one transaction: their account, roles,
// sessions and keys (so every session ends on every instance), profile, learning records,
// purchases and subscriptions; audit entries stay, anonymised. The erasure is audited
// without the e-mail address. Then the caches forget the user.
func (s *Service) Erase(ctx context.Context, c identity.Caller, userID int64) (Erased, error) {
	if userID == c.UserID {
		return Erased{}, problem.InvalidMsg(msgSelfErase)
	}
	var u store.User
	var rows store.UserErased
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		var err error
		if u, err = s.target(ctx, tx, c, userID); err != nil {
			return err
		}
		if !c.IsSystemManager() {
			roles, err := tx.UserRoles(ctx, u.ID)
			if err != nil {
				return err
			}
			if slices.Contains(roles, store.RoleSystemManager) {
				return problem.ForbiddenMsg(msgSystemTarget)
			}
		}
		if rows, err = tx.UserErase(ctx, u.ID, u.Email); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, s.entry(c, ActionErased, u, rows))
	})
	if err != nil {
		if _, ok := problem.As(err); ok {
			return Erased{}, err
		}
		return Erased{}, fmt.Errorf("erase user %d: %w", userID, err)
	}
	for _, f := range s.Caches {
		if err := f.ForgetUser(ctx, u.ID, u.InstitutionID); err != nil && s.Logger != nil {
			s.Logger.Warn("an erased user stays in a cache until it expires", "user", u.ID, "err", err)
		}
	}
	return Erased{UserID: u.ID, Rows: rows}, nil
}

// target loads the user a staff call is about: staff only, and only those the caller reaches
// (anyone else's account is "not found", as in people administration).
func (s *Service) target(ctx context.Context, exec store.Executor, c identity.Caller, userID int64) (store.User, error) {
	if !c.HasRole(store.RoleInstitutionAdmin, store.RoleSystemManager) {
		return store.User{}, problem.ForbiddenMsg(msgStaffOnly)
	}
	u, err := exec.UserGet(ctx, userID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Reaches(u.InstitutionID)) {
		return store.User{}, problem.NotFoundMsg(msgUserNotFound)
	}
	if err != nil {
		return store.User{}, fmt.Errorf("user %d: %w", userID, err)
	}
	return u, nil
}

// entry is the audit entry of a call about u: in u's institution, naming u by id only.
func (s *Service) entry(c identity.Caller, action string, u store.User, detail any) audit.Entry {
	e := c.Entry(action, "user "+strconv.FormatInt(u.ID, 10), detail)
	e.InstitutionID = u.InstitutionID
	return e
}

// progress computes the user's progress as they would see it, in their institution's time zone.
func (s *Service) progress(ctx context.Context, u store.User) (any, error) {
	loc := time.UTC
	if in, err := s.Store.InstitutionGet(ctx, u.InstitutionID); err == nil {
		if l, err := time.LoadLocation(in.TimeZone); err == nil {
			loc = l
		}
	}
	roles, err := s.Store.UserRoles(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	return s.Progress(ctx, identity.Principal{UserID: u.ID, InstitutionID: u.InstitutionID, Email: u.Email,
		FullName: u.FullName, AvatarURL: u.AvatarURL, Roles: roles, Location: loc})
}
