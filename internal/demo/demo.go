// Package demo holds the demo content (an import file, see docs/import.md) and its accounts.
package demo

import (
	"bytes"
	_ "embed"
	"fmt"
	"time"

	"memora/internal/importer"
)

//go:embed demo.json
var demoJSON []byte

// Password is the password of every demo account.
const Password = "memora-demo"

// JoinCode lets anyone sign up as a student of the demo institution (unlimited, never expires).
const JoinCode = "DEMO2026"

// IBAN is the made-up bank account of the demo institution's payment instructions (it sells in
// JOD); the other school gives none, so the store shows both cases.
const IBAN = "JO00 DEMO 0000 0000 0000 0000 0000 00"

// Account is a demo login.
type Account struct {
	Email       string
	Role        string
	Institution string
	// HasProfile is false for an account that goes through onboarding on its first sign-in.
	HasProfile bool
}

// Accounts lists the demo logins: one per role, the students with history, and a student of a second
// institution (to see that institutions do not see each other's players).
func Accounts() []Account {
	const demo, other = "demo-academy", "other-school"
	accounts := []Account{
		{"student@demo.memora.test", importer.RoleStudent, demo, false},
		{"teacher@demo.memora.test", importer.RoleTeacher, demo, false},
		{"content@demo.memora.test", importer.RoleContentManager, demo, false},
		{"admin@demo.memora.test", importer.RoleInstitutionAdmin, demo, false},
		{"system@demo.memora.test", importer.RoleSystemManager, demo, false},
	}
	for _, name := range []string{"layla", "omar", "sara", "yousef", "noor", "hamza", "rania", "mariam", "ahmad", "khaled"} {
		accounts = append(accounts, Account{name + "@demo.memora.test", importer.RoleStudent, demo, true})
	}
	return append(accounts, Account{"student@other.memora.test", importer.RoleStudent, other, true})
}

// File returns the demo import file as stored: player history is written relative to the moment it is
// loaded ("now-2d3h", see docs/import.md).
func File() []byte { return bytes.Clone(demoJSON) }

// Load parses the demo file, resolves its relative player times (sessions, due dates, last reviews)
// against now and validates it, so leaderboards, streaks, quests and due reviews look the same whenever
// the demo is loaded. Content, seasons and plans are not moved.
func Load(now time.Time) (*importer.File, error) {
	f, err := importer.Parse(bytes.NewReader(demoJSON))
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	f = f.ResolveTimes(now)
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return f, nil
}
