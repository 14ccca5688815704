package identity

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// People administration for Institution Admins (and System Managers, for any institution):
// users, roles, password reset links, join codes and the institution's settings. Another
// institution's user or code is "not found"; only a System Manager grants or removes the
// System Manager role.

// Audit actions of people administration (roles and creation use audit.RoleAdded, …).
const (
	ActionUserDisabled     = "user.disabled"
	ActionUserEnabled      = "user.enabled"
	ActionResetIssued      = "password.reset_issued"
	ActionInstitutionSaved = "institution.settings_saved"
)

// UserView is a user as staff list them.
type UserView struct {
	ID          int64     `json:"id"`
	Institution string    `json:"institution"`
	Email       string    `json:"email"`
	FullName    string    `json:"full_name"`
	Enabled     bool      `json:"enabled"`
	HasPassword bool      `json:"has_password"`
	Roles       []string  `json:"roles"`
	CreatedAt   time.Time `json:"creation"`
}

// UserQuery selects users: Institution (empty: the caller's; another one only for a System
// Manager), Search (part of the e-mail or name), Limit (1-500, default 100).
type UserQuery struct {
	Institution string
	Search      string
	Limit       int
}

const (
	msgUserNotFound    = "User not found"
	msgInstNotFound    = "Institution not found"
	msgUserExists      = "A user with this e-mail already exists."
	msgBadEmail        = "Invalid e-mail address"
	msgBadRole         = "Unknown role '{role}': use Student, Teacher, Content Manager, Institution Admin or System Manager"
	msgSystemRole      = "Only a System Manager can grant or remove the System Manager role."
	msgSelfDisable     = "You cannot disable your own account."
	msgSelfAdmin       = "You cannot remove your own admin role."
	msgUserLimit       = "limit must be between 1 and 500"
	msgBadTimeZone     = "Unknown time zone '{zone}': use an IANA name such as Asia/Amman"
	msgBadLogo         = "logo_url must be an absolute http(s) URL"
	msgInstitutionName = "name is required"
)

// institution is the institution a call is about: the caller's unless a System Manager
// names another (which must exist).
func (s *Service) institution(ctx context.Context, c Caller, id string) (string, error) {
	if id == "" || id == c.InstitutionID {
		return c.InstitutionID, nil
	}
	if !c.IsSystemManager() {
		return "", problem.NotFoundMsg(msgInstNotFound)
	}
	if _, err := s.Store.InstitutionGet(ctx, id); errors.Is(err, store.ErrNotFound) {
		return "", problem.NotFoundMsg(msgInstNotFound)
	} else if err != nil {
		return "", fmt.Errorf("institution %s: %w", id, err)
	}
	return id, nil
}

// Users lists users of an institution with their roles (two queries).
func (s *Service) Users(ctx context.Context, c Caller, q UserQuery) ([]UserView, error) {
	inst, err := s.institution(ctx, c, q.Institution)
	if err != nil {
		return nil, err
	}
	if q.Limit == 0 {
		q.Limit = 100
	}
	if q.Limit < 1 || q.Limit > 500 {
		return nil, problem.InvalidMsg(msgUserLimit)
	}
	users, err := s.Store.UserListByInstitution(ctx, store.UserListParams{InstitutionID: inst,
		Search: strings.TrimSpace(q.Search), Limit: q.Limit})
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	roles, err := s.Store.UserRolesByInstitution(ctx, inst)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	out := make([]UserView, len(users))
	for i, u := range users {
		out[i] = userView(u, roles[u.ID])
	}
	return out, nil
}

func userView(u store.User, roles []string) UserView {
	if roles == nil {
		roles = []string{}
	}
	return UserView{ID: u.ID, Institution: u.InstitutionID, Email: u.Email, FullName: u.FullName, Enabled: u.Enabled,
		HasPassword: u.PasswordHash != "", Roles: roles, CreatedAt: u.CreatedAt}
}

// staffUser returns a user the caller may manage.
func (s *Service) staffUser(ctx context.Context, exec store.Executor, c Caller, id int64) (store.User, error) {
	u, err := exec.UserGet(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Reaches(u.InstitutionID)) {
		return store.User{}, problem.NotFoundMsg(msgUserNotFound)
	}
	if err != nil {
		return store.User{}, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

func (s *Service) view(ctx context.Context, id int64) (UserView, error) {
	u, err := s.Store.UserGet(ctx, id)
	if err != nil {
		return UserView{}, fmt.Errorf("user %d: %w", id, err)
	}
	roles, err := s.Store.UserRoles(ctx, id)
	if err != nil {
		return UserView{}, fmt.Errorf("user %d: %w", id, err)
	}
	slices.Sort(roles)
	return userView(u, roles), nil
}

// NewStaffUser is an account staff create. It has no password: the person sets one with a
// reset link (IssuePasswordReset) or signs in otherwise.
type NewStaffUser struct {
	Institution string // empty: the caller's
	Email       string
	FullName    string
	Roles       []string // empty: Student
}

// AddUser creates an account in an institution, audited; an e-mail already taken (in any
// institution) is a 409.
func (s *Service) AddUser(ctx context.Context, c Caller, n NewStaffUser) (UserView, error) {
	inst, err := s.institution(ctx, c, n.Institution)
	if err != nil {
		return UserView{}, err
	}
	email := NormalizeEmail(n.Email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return UserView{}, problem.InvalidMsg(msgBadEmail)
	}
	if len(n.Roles) == 0 {
		n.Roles = []string{store.RoleStudent}
	}
	for _, r := range n.Roles {
		if err := checkGrant(c, r); err != nil {
			return UserView{}, err
		}
	}
	var id int64
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		if _, err := tx.UserGetByEmail(ctx, email); err == nil {
			return problem.ConflictMsg(msgUserExists)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		u, err := tx.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: email,
			FullName: strings.TrimSpace(n.FullName), Enabled: true, CreatedAt: s.Clock.Now()})
		if err != nil {
			return err
		}
		id = u.ID
		for _, r := range n.Roles {
			if err := tx.UserRoleAdd(ctx, u.ID, r); err != nil {
				return err
			}
		}
		e := c.Entry(audit.UserCreated, email, map[string]any{"roles": n.Roles})
		e.InstitutionID = inst
		return s.Audit.Record(ctx, tx, e)
	})
	if err != nil {
		return UserView{}, staffError("add user", err)
	}
	return s.view(ctx, id)
}

func checkGrant(c Caller, role string) error {
	switch {
	case !ValidRole(role):
		return problem.Invalidf(msgBadRole, "role", role)
	case role == store.RoleSystemManager && !c.IsSystemManager():
		return problem.ForbiddenMsg(msgSystemRole)
	}
	return nil
}

// SetUserEnabled disables (every session ends) or enables an account, audited.
func (s *Service) SetUserEnabled(ctx context.Context, c Caller, userID int64, enabled bool) (UserView, error) {
	if !enabled && userID == c.UserID {
		return UserView{}, problem.InvalidMsg(msgSelfDisable)
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		u, err := s.staffUser(ctx, tx, c, userID)
		if err != nil {
			return err
		}
		if userRow(u).IsSystemManagerTarget(ctx, tx) && !c.IsSystemManager() {
			return problem.ForbiddenMsg(msgSystemRole)
		}
		if err := tx.UserSetEnabled(ctx, userID, enabled); err != nil {
			return err
		}
		action := ActionUserEnabled
		if !enabled {
			action = ActionUserDisabled
			if _, err := endSessions(ctx, tx, userID, true); err != nil {
				return err
			}
		}
		e := c.Entry(action, u.Email, nil)
		e.InstitutionID = u.InstitutionID
		return s.Audit.Record(ctx, tx, e)
	})
	if err != nil {
		return UserView{}, staffError("set enabled", err)
	}
	s.SessionsEnded(ctx, userID)
	return s.view(ctx, userID)
}

// SetUserRole grants or removes a role, audited. Only a System Manager touches the System
// Manager role; nobody removes their own admin role. A grant of a role the user holds, or a
// removal of one they do not, changes nothing: no audit entry, and their sessions stay.
func (s *Service) SetUserRole(ctx context.Context, c Caller, userID int64, role string, grant bool) (UserView, error) {
	if err := checkGrant(c, role); err != nil {
		return UserView{}, err
	}
	if !grant && userID == c.UserID && (role == store.RoleInstitutionAdmin || role == store.RoleSystemManager) {
		return UserView{}, problem.InvalidMsg(msgSelfAdmin)
	}
	changed := false
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		u, err := s.staffUser(ctx, tx, c, userID)
		if err != nil {
			return err
		}
		roles, err := tx.UserRoles(ctx, userID)
		if err != nil {
			return err
		}
		if slices.Contains(roles, role) == grant {
			return nil // already so: nothing to record, and the user's sessions stay
		}
		changed = true
		action := audit.RoleAdded
		if grant {
			err = tx.UserRoleAdd(ctx, userID, role)
		} else {
			action = audit.RoleRemoved
			err = tx.UserRoleRemove(ctx, userID, role)
		}
		if err != nil {
			return err
		}
		if _, err := endSessions(ctx, tx, userID, false); err != nil { // seen at once on every server
			return err
		}
		e := c.Entry(action, u.Email, map[string]string{"role": role})
		e.InstitutionID = u.InstitutionID
		return s.Audit.Record(ctx, tx, e)
	})
	if err != nil {
		return UserView{}, staffError("set role", err)
	}
	if changed {
		s.SessionsEnded(ctx, userID)
	}
	return s.view(ctx, userID)
}

// IsSystemManagerTarget reports whether the user holds the System Manager role.
func (u userRow) IsSystemManagerTarget(ctx context.Context, exec store.Executor) bool {
	roles, err := exec.UserRoles(ctx, u.ID)
	return err != nil || slices.Contains(roles, store.RoleSystemManager)
}

// ResetLink is a one-time password link staff issued: shown once, to hand over (it is
// also e-mailed when a mail server is configured).
type ResetLink struct {
	Email     string    `json:"email"`
	Link      string    `json:"link"`
	ExpiresAt time.Time `json:"expires_at"`
	Mailed    bool      `json:"mailed"`
}

// IssuePasswordReset makes a one-time link (base + "?token=…", valid for ResetTTL) with
// which the user sets a new password, audited.
func (s *Service) IssuePasswordReset(ctx context.Context, c Caller, userID int64, base string) (ResetLink, error) {
	now := s.Clock.Now()
	token := randomToken(32)
	var u store.User
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		var err error
		if u, err = s.staffUser(ctx, tx, c, userID); err != nil {
			return err
		}
		if userRow(u).IsSystemManagerTarget(ctx, tx) && !c.IsSystemManager() {
			return problem.ForbiddenMsg(msgSystemRole)
		}
		if err := tx.PasswordResetInsert(ctx, store.PasswordReset{TokenHash: hashToken(token), UserID: u.ID,
			CreatedAt: now, ExpiresAt: now.Add(ResetTTL)}); err != nil {
			return err
		}
		e := c.Entry(ActionResetIssued, u.Email, nil)
		e.InstitutionID = u.InstitutionID
		return s.Audit.Record(ctx, tx, e)
	})
	if err != nil {
		return ResetLink{}, staffError("issue reset", err)
	}
	link := ResetLink{Email: u.Email, Link: resetLink(base, token), ExpiresAt: now.Add(ResetTTL)}
	if s.Mailer != nil {
		if err := s.Mailer.Send(ctx, resetMessage(u, link.Link)); err != nil {
			s.Logger.Error("password reset e-mail not sent", "user", u.ID, "err", err)
		} else {
			link.Mailed = true
		}
	}
	return link, nil
}

// userRow lets a store.User answer role questions in a transaction.
type userRow store.User

// JoinCodeView is a join code as staff list it.
type JoinCodeView struct {
	Code        string     `json:"code"`
	Institution string     `json:"institution"`
	State       string     `json:"state"`
	Uses        int64      `json:"uses"`
	MaxUses     *int64     `json:"max_uses"`
	ExpiresAt   *time.Time `json:"expires_at"`
	DisabledAt  *time.Time `json:"disabled_at"`
	CreatedBy   string     `json:"created_by"`
	CreatedAt   time.Time  `json:"creation"`
}

func (s *Service) joinCodeView(c store.JoinCode) JoinCodeView {
	return JoinCodeView{Code: c.Code, Institution: c.InstitutionID, State: JoinCodeState(c, s.Clock.Now()), Uses: c.Uses,
		MaxUses: c.MaxUses, ExpiresAt: c.ExpiresAt, DisabledAt: c.DisabledAt, CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt}
}

// StaffJoinCodes lists an institution's join codes, newest first.
func (s *Service) StaffJoinCodes(ctx context.Context, c Caller, institution string) ([]JoinCodeView, error) {
	inst, err := s.institution(ctx, c, institution)
	if err != nil {
		return nil, err
	}
	codes, err := s.ListJoinCodes(ctx, inst)
	if err != nil {
		return nil, err
	}
	out := make([]JoinCodeView, len(codes))
	for i, jc := range codes {
		out[i] = s.joinCodeView(jc)
	}
	return out, nil
}

// StaffCreateJoinCode creates a code of an institution (the caller's unless a System
// Manager names another).
func (s *Service) StaffCreateJoinCode(ctx context.Context, c Caller, n NewJoinCode) (JoinCodeView, error) {
	inst, err := s.institution(ctx, c, n.InstitutionID)
	if err != nil {
		return JoinCodeView{}, err
	}
	n.InstitutionID, n.CreatedBy = inst, c.Email
	jc, err := s.CreateJoinCode(ctx, n)
	if err != nil {
		return JoinCodeView{}, err
	}
	return s.joinCodeView(jc), nil
}

// StaffDisableJoinCode disables a code of an institution the caller manages.
func (s *Service) StaffDisableJoinCode(ctx context.Context, c Caller, code string) (JoinCodeView, error) {
	code = NormalizeJoinCode(code)
	jc, err := s.Store.JoinCodeGet(ctx, code)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Reaches(jc.InstitutionID)) {
		return JoinCodeView{}, problem.NotFoundMsg(msgJoinCodeNotFound)
	}
	if err != nil {
		return JoinCodeView{}, fmt.Errorf("disable join code: %w", err)
	}
	if err := s.DisableJoinCode(ctx, c.Email, code); err != nil {
		return JoinCodeView{}, err
	}
	if jc, err = s.Store.JoinCodeGet(ctx, code); err != nil {
		return JoinCodeView{}, fmt.Errorf("disable join code: %w", err)
	}
	return s.joinCodeView(jc), nil
}

// InstitutionView is an institution's settings. Currency is the ISO 4217 code of its store's
// prices ("" : shown without a unit); PaymentNote and PaymentNoteEn tell its students how to
// pay it, in Arabic and in English (free text of at most PaymentNoteMax characters; "": not said).
type InstitutionView struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	NameEn        string `json:"name_en"`
	TimeZone      string `json:"time_zone"`
	LogoURL       string `json:"logo_url"`
	Currency      string `json:"currency"`
	PaymentNote   string `json:"payment_note"`
	PaymentNoteEn string `json:"payment_note_en"`
}

// InstitutionSettings returns an institution's settings (the caller's unless a System
// Manager names another).
func (s *Service) InstitutionSettings(ctx context.Context, c Caller, id string) (InstitutionView, error) {
	inst, err := s.institution(ctx, c, id)
	if err != nil {
		return InstitutionView{}, err
	}
	st, err := s.Store.InstitutionSettingsGet(ctx, inst)
	if errors.Is(err, store.ErrNotFound) {
		return InstitutionView{}, problem.NotFoundMsg(msgInstNotFound)
	}
	if err != nil {
		return InstitutionView{}, fmt.Errorf("institution settings: %w", err)
	}
	return InstitutionView{ID: st.ID, Name: st.Name, NameEn: st.NameEN, TimeZone: st.TimeZone, LogoURL: st.LogoURL,
		Currency: st.Currency, PaymentNote: st.PaymentNote, PaymentNoteEn: st.PaymentNoteEN}, nil
}

// UpdateInstitutionSettings replaces an institution's names, time zone, logo, currency and
// payment instructions, audited; "today" follows the new time zone at once. The currency is
// upper-cased and must be an ISO 4217 code in use; the instructions are trimmed (line breaks
// kept, "\r\n" read as "\n") and bounded. A refusal changes nothing.
func (s *Service) UpdateInstitutionSettings(ctx context.Context, c Caller, in InstitutionView) (InstitutionView, error) {
	inst, err := s.institution(ctx, c, in.ID)
	if err != nil {
		return InstitutionView{}, err
	}
	in.ID, in.Name, in.NameEn = inst, strings.TrimSpace(in.Name), strings.TrimSpace(in.NameEn)
	in.TimeZone, in.LogoURL = strings.TrimSpace(in.TimeZone), strings.TrimSpace(in.LogoURL)
	if in.Name == "" {
		return InstitutionView{}, problem.InvalidMsg(msgInstitutionName)
	}
	if _, err := time.LoadLocation(in.TimeZone); err != nil || in.TimeZone == "" || in.TimeZone == "Local" {
		return InstitutionView{}, problem.Invalidf(msgBadTimeZone, "zone", in.TimeZone)
	}
	if in.LogoURL != "" {
		u, err := url.Parse(in.LogoURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return InstitutionView{}, problem.InvalidMsg(msgBadLogo)
		}
	}
	if err := in.NormalizePayment(); err != nil {
		return InstitutionView{}, err
	}
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.InstitutionSettingsUpdate(ctx, store.InstitutionSettings{ID: in.ID, Name: in.Name, NameEN: in.NameEn,
			TimeZone: in.TimeZone, LogoURL: in.LogoURL, Currency: in.Currency, PaymentNote: in.PaymentNote,
			PaymentNoteEN: in.PaymentNoteEn}); err != nil {
			return err
		}
		e := c.Entry(ActionInstitutionSaved, in.ID, map[string]string{"time_zone": in.TimeZone, "currency": in.Currency})
		e.InstitutionID = in.ID
		return s.Audit.Record(ctx, tx, e)
	})
	if err != nil {
		return InstitutionView{}, staffError("institution settings", err)
	}
	s.Forget(in.ID)
	s.sessions.ttl().Clear()
	return in, nil
}

// staffError keeps a problem as it is and wraps anything else.
func staffError(op string, err error) error {
	if _, ok := problem.As(err); ok {
		return err
	}
	if errors.Is(err, store.ErrNotFound) {
		return problem.NotFoundMsg(msgUserNotFound)
	}
	return fmt.Errorf("%s: %w", op, err)
}
