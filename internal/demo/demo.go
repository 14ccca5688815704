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

// Anchor is the moment the demo history was written for ("today" is 2026-11-25 in Amman); Load moves the
// history so that it ends at the real now.
const Anchor = "2026-11-25T20:00:00+03:00"

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
	for _, name := range []string{"layla", "omar", "sara", "yousef", "noor", "hamza", "rania", "khaled"} {
		accounts = append(accounts, Account{name + "@demo.memora.test", importer.RoleStudent, demo, true})
	}
	return append(accounts, Account{"student@other.memora.test", importer.RoleStudent, other, true})
}

// File returns the demo import file as stored (history anchored at Anchor).
func File() []byte { return bytes.Clone(demoJSON) }

// Load parses and validates the demo file and moves every player timestamp (sessions, due dates, last
// reviews) by now − Anchor, so leaderboards, streaks and due reviews look the same whenever the demo is
// loaded. Content, seasons and plans are not moved.
func Load(now time.Time) (*importer.File, error) {
	f, err := importer.Parse(bytes.NewReader(demoJSON))
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	anchor, err := time.Parse(time.RFC3339, Anchor)
	if err != nil {
		return nil, fmt.Errorf("demo: anchor: %w", err)
	}
	if err := shiftHistory(f, now.Sub(anchor).Truncate(time.Second)); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return f, nil
}

func shiftHistory(f *importer.File, d time.Duration) error {
	for i := range f.Players {
		p := &f.Players[i]
		for j := range p.Sessions {
			if err := shift(&p.Sessions[j].PlayedAt, d); err != nil {
				return err
			}
		}
		for j := range p.Memory {
			if err := shift(&p.Memory[j].Due, d); err != nil {
				return err
			}
			if err := shift(&p.Memory[j].LastReview, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// shift moves one RFC 3339 timestamp, keeping its UTC offset; empty stays empty.
func shift(ts *string, d time.Duration) error {
	if *ts == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, *ts)
	if err != nil {
		return fmt.Errorf("shift %q: %w", *ts, err)
	}
	*ts = t.Add(d).Format(time.RFC3339)
	return nil
}
