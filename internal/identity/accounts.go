package identity

import (
	"context"
	"fmt"
	"net/mail"
	"slices"

	"memora/internal/audit"
	"memora/internal/store"
)

// Roles lists every role, for validation.
var Roles = []string{store.RoleStudent, store.RoleTeacher, store.RoleContentManager,
	store.RoleInstitutionAdmin, store.RoleSystemManager}

// ValidRole reports whether role is one of Roles.
func ValidRole(role string) bool { return slices.Contains(Roles, role) }

// NewUser describes an account to create.
type NewUser struct {
	InstitutionID string
	Email         string
	FullName      string
	Roles         []string
	Password      string // empty: no password login
}

// CreateUser creates (or updates) the account and grants its roles, in one transaction.
func (s *Service) CreateUser(ctx context.Context, n NewUser) (store.User, error) {
	email := NormalizeEmail(n.Email)
	if _, err := mail.ParseAddress(email); err != nil {
		return store.User{}, fmt.Errorf("create user: invalid email %q", n.Email)
	}
	for _, r := range n.Roles {
		if !ValidRole(r) {
			return store.User{}, fmt.Errorf("create user: unknown role %q", r)
		}
	}
	var hash string
	if n.Password != "" {
		if err := ValidatePassword(n.Password, email); err != nil {
			return store.User{}, fmt.Errorf("create user %s: %w", email, err)
		}
		h, err := s.hashPassword(ctx, n.Password)
		if err != nil {
			return store.User{}, err
		}
		hash = h
	}
	var u store.User
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		var err error
		u, err = tx.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: n.InstitutionID, Email: email,
			FullName: n.FullName, Enabled: true, CreatedAt: s.Clock.Now()})
		if err != nil {
			return err
		}
		if hash != "" {
			if err := tx.UserSetPassword(ctx, u.ID, hash); err != nil {
				return err
			}
		}
		for _, r := range n.Roles {
			if err := tx.UserRoleAdd(ctx, u.ID, r); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: n.InstitutionID, ActorEmail: "cli",
			Action: audit.UserCreated, Target: email, Detail: map[string]any{"roles": n.Roles}})
	})
	if err != nil {
		return store.User{}, fmt.Errorf("create user %s: %w", email, err)
	}
	return u, nil
}

// SetPassword sets a user's password, which must pass ValidatePassword. Every session of
// the user ends at once, on every server (as a password reset does).
func (s *Service) SetPassword(ctx context.Context, userID int64, password string) error {
	u, err := s.Store.UserGet(ctx, userID)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if err := ValidatePassword(password, u.Email); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.UserSetPassword(ctx, userID, hash); err != nil {
			return err
		}
		_, err := endSessions(ctx, tx, userID, true)
		return err
	})
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	s.SessionsEnded(ctx, userID)
	return nil
}

// SetRole grants (or, with grant false, revokes) a role, audited. The user's sessions see
// the change at their next request, on every server.
func (s *Service) SetRole(ctx context.Context, actor string, u store.User, role string, grant bool) error {
	if !ValidRole(role) {
		return fmt.Errorf("set role: unknown role %q", role)
	}
	defer s.SessionsEnded(ctx, u.ID)
	return s.Store.InTx(ctx, func(tx store.Executor) error {
		action := audit.RoleAdded
		var err error
		if grant {
			err = tx.UserRoleAdd(ctx, u.ID, role)
		} else {
			action = audit.RoleRemoved
			err = tx.UserRoleRemove(ctx, u.ID, role)
		}
		if err != nil {
			return err
		}
		if _, err := endSessions(ctx, tx, u.ID, false); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: u.InstitutionID, ActorEmail: actor,
			Action: action, Target: u.Email, Detail: map[string]string{"role": role}})
	})
}
