package identity

import (
	"memora/internal/audit"
	"memora/internal/store"
)

// Caller is a signed-in staff member making a call of the staff API or the desk: who, and
// from which address (for the audit log). Staff services take a Caller and scope what they
// do to its institution unless it is a System Manager.
type Caller struct {
	Principal
	RemoteAddr string
}

// IsSystemManager reports whether the caller may act on every institution.
func (c Caller) IsSystemManager() bool { return c.HasRole(store.RoleSystemManager) }

// Reaches reports whether the caller may act on something of institutionID: a System
// Manager anything, anyone else only their own institution's.
func (c Caller) Reaches(institutionID string) bool {
	return c.IsSystemManager() || (institutionID != "" && institutionID == c.InstitutionID)
}

// Entry is an audit entry of an action by the caller in their institution.
func (c Caller) Entry(action, target string, detail any) audit.Entry {
	return audit.Entry{InstitutionID: c.InstitutionID, ActorUserID: c.UserID, ActorEmail: c.Email,
		Action: action, Target: target, Detail: detail, RemoteAddr: c.RemoteAddr}
}
