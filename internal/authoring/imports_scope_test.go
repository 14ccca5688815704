package authoring_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/authoring"
	"memora/internal/identity"
	"memora/internal/store"
)

// An institution's staff importing a file with several sections beyond content are refused
// for the first of them in the file format's order, every time (the sections were checked in
// a map's order, so the refusal named any of them).
func TestAStaffImportBeyondContentNamesTheFirstSectionEveryTime(t *testing.T) {
	svc := &authoring.Service{} // refused before the store is read
	admin := identity.Caller{Principal: identity.Principal{UserID: 1, InstitutionID: "x", Email: "admin@x.test",
		Roles: []string{store.RoleInstitutionAdmin}}}
	file := []byte(`{"format":"memora-import","version":1,
		"users":[{"email":"a@x.test","institution":"x","roles":["Student"]}],
		"join_codes":[{"code":"JOIN2026","institution":"x"}],
		"players":[{"user":"a@x.test"}]}`)
	for range 32 {
		_, err := svc.Import(context.Background(), admin, file, true)
		require.EqualError(t, err, "Only a System Manager can import more than content, or content of another institution: users")
	}
}
