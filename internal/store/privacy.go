package store

import (
	"context"
	"encoding/json"
)

// UserData is what Memora holds about one user, as their export shows it: each part a JSON
// array of rows, with the same keys on both engines. Password hashes, session tokens, API key
// secrets and reset tokens are left out: they are Memora's, not the user's.
type UserData struct {
	Account              json.RawMessage `json:"account"`
	Roles                json.RawMessage `json:"roles"`
	Sessions             json.RawMessage `json:"sessions"`
	APIKeys              json.RawMessage `json:"api_keys"`
	PasswordResets       json.RawMessage `json:"password_resets"`
	PlayerProfile        json.RawMessage `json:"player_profile"`
	SubjectScores        json.RawMessage `json:"subject_scores"`
	GameplaySessions     json.RawMessage `json:"gameplay_sessions"`
	XPLedger             json.RawMessage `json:"xp_ledger"`
	MemoryStates         json.RawMessage `json:"memory_states"`
	ArchivedMemoryStates json.RawMessage `json:"archived_memory_states"`
	ReviewLog            json.RawMessage `json:"review_log"`
	ReviewPushes         json.RawMessage `json:"review_pushes"`
	SRSParameters        json.RawMessage `json:"srs_parameters"`
	PurchaseRequests     json.RawMessage `json:"purchase_requests"`
	Subscriptions        json.RawMessage `json:"subscriptions"`
	AuditEntries         json.RawMessage `json:"audit_entries"`
}

// UserErased counts, per table, the rows an erasure deleted or anonymised.
type UserErased map[string]int64

// PrivacyExecutor reads and erases everything of one user (their right to a copy of their data
// and to its erasure).
type PrivacyExecutor interface {
	// UserData reads every row about a user; email (their address) finds the audit entries
	// that name them.
	UserData(ctx context.Context, userID int64, email string) (UserData, error)
	// UserErase deletes a user and every row of theirs, and anonymises the rows that stay for
	// others: audit entries lose the e-mail and client addresses, purchase decisions their
	// decider, join codes their author. Atomic: inside a transaction or in one of its own.
	UserErase(ctx context.Context, userID int64, email string) (UserErased, error)
}
