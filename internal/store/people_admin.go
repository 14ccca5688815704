package store

import "context"

// InstitutionSettings are what an institution's admins edit: names, the time zone that
// decides "today", a logo URL (empty: none), the currency of its store's prices (an ISO 4217
// code; empty: none shown) and how students pay it, in Arabic and in English (empty: not said).
type InstitutionSettings struct {
	ID            string
	Name          string
	NameEN        string
	TimeZone      string
	LogoURL       string
	Currency      string
	PaymentNote   string
	PaymentNoteEN string
}

// UserListParams selects an institution's users: Search (when not empty) is a
// case-insensitive part of the e-mail or name; at most Limit, by e-mail.
type UserListParams struct {
	InstitutionID string
	Search        string
	Limit         int
}

// PeopleAdminExecutor holds what the staff's people screens read and write.
type PeopleAdminExecutor interface {
	UserListByInstitution(ctx context.Context, p UserListParams) ([]User, error)
	// UserRolesByInstitution maps every user of the institution that holds a role to
	// their roles (sorted).
	UserRolesByInstitution(ctx context.Context, institutionID string) (map[int64][]string, error)
	InstitutionSettingsGet(ctx context.Context, id string) (InstitutionSettings, error)
	// InstitutionSettingsUpdate writes every field but the id; ErrNotFound without one.
	InstitutionSettingsUpdate(ctx context.Context, s InstitutionSettings) error
}
