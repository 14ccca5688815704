// Package store is the storage seam: the Store interface in domain terms (NounVerb methods
// taking Params structs) with one implementation per engine (pgstore, litestore) and one
// conformance suite (storetest) that runs on both.
package store

import (
	"context"
	"errors"
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

var (
	// ErrNotFound is returned when a single row that was asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict is returned when a write breaks a unique constraint.
	ErrConflict = errors.New("conflict")
	// ErrUnavailable is returned when the database cannot be reached or is too busy to
	// answer in time; the request may be retried.
	ErrUnavailable = errors.New("database unavailable")
)

// Store is a database: queries outside a transaction, or one write transaction at a time.
type Store interface {
	Executor
	// InTx runs fn in one transaction, committed when fn returns nil and rolled back otherwise.
	InTx(ctx context.Context, fn func(tx Executor) error) error
	Engine() Engine
	Ping(ctx context.Context) error
	Close() error
}

// Executor holds every query, grouped by domain in this package's files.
type Executor interface {
	IdentityExecutor
	AcademicExecutor
	ContentExecutor
	ContentAdminExecutor
	PeopleAdminExecutor
	AcademicAdminExecutor
	CommerceAdminExecutor
	TeachingExecutor
	CatalogExecutor
	CommerceExecutor
	PlayerExecutor
	MemoryExecutor
	ReviewExecutor
	OpsExecutor
	OpsAdminExecutor
	SeasonExecutor
	WorkloadExecutor
	ProgressExecutor
	LeaderboardExecutor
	ShopExecutor
	PurchaseMineExecutor
	SignUpExecutor
	PrivacyExecutor
	PushExecutor
	SRSParamsExecutor
	SafeModeExecutor
	SessionRecordExecutor
	QuestDayExecutor
	ProgressStatsExecutor
	PrimeExecutor
}
