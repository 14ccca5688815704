// Package importer reads, validates and describes the Memora import format: one JSON document holding
// academic structure, content, commerce, users and player history. docs/import.md is its reference.
package importer

import (
	"encoding/json"
)

// Format identification: every file starts with {"format":"memora-import","version":1,…}.
const (
	FormatName    = "memora-import"
	FormatVersion = 1
)

// File is one import document. Every list is optional; entries reference each other by id (users by email).
type File struct {
	Format        string         `json:"format"`
	Version       int            `json:"version"`
	Institutions  []Institution  `json:"institutions,omitempty"`
	Streams       []Stream       `json:"streams,omitempty"`
	Grades        []Grade        `json:"grades,omitempty"`
	Seasons       []Season       `json:"seasons,omitempty"`
	Subjects      []Subject      `json:"subjects,omitempty"`
	Tracks        []Track        `json:"tracks,omitempty"`
	Units         []Unit         `json:"units,omitempty"`
	Topics        []Topic        `json:"topics,omitempty"`
	Lessons       []Lesson       `json:"lessons,omitempty"`
	Plans         []Plan         `json:"plans,omitempty"`
	SalesItems    []SalesItem    `json:"sales_items,omitempty"`
	Users         []User         `json:"users,omitempty"`
	JoinCodes     []JoinCode     `json:"join_codes,omitempty"`
	Subscriptions []Subscription `json:"subscriptions,omitempty"`
	Players       []Player       `json:"players,omitempty"`
}

// Institution is a tenant. TimeZone is an IANA name ("Asia/Amman"); empty means UTC.
// Currency (an ISO 4217 code such as JOD) and the payment instructions (PaymentNote in Arabic,
// PaymentNoteEn in English) are what the store tells students about paying; each one left
// empty keeps the institution's stored value.
type Institution struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	NameEn        string `json:"name_en,omitempty"`
	TimeZone      string `json:"time_zone,omitempty"`
	Currency      string `json:"currency,omitempty"`
	PaymentNote   string `json:"payment_note,omitempty"`
	PaymentNoteEn string `json:"payment_note_en,omitempty"`
}

// Stream is an academic stream (Scientific, Literary, …).
type Stream struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	TitleEn  string `json:"title_en,omitempty"`
	Position int    `json:"position,omitempty"`
}

// Grade lists the streams a student of the grade may choose; none means no stream is asked.
type Grade struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	TitleEn  string   `json:"title_en,omitempty"`
	Position int      `json:"position,omitempty"`
	Streams  []string `json:"streams,omitempty"`
}

// Season is a school year: the time container of plans, products, subscriptions and memory state.
// Dates are YYYY-MM-DD. Pointer fields are optional; the accessors give their defaults.
type Season struct {
	ID               string  `json:"id"`
	Title            string  `json:"title,omitempty"`
	TitleEn          string  `json:"title_en,omitempty"`
	StartDate        string  `json:"start_date"`
	EndDate          string  `json:"end_date"`
	IsActive         bool    `json:"is_active,omitempty"`
	EnableRedis      *bool   `json:"enable_redis,omitempty"`
	AutoArchive      bool    `json:"auto_archive,omitempty"`
	Scheduler        string  `json:"scheduler,omitempty"`
	DesiredRetention float64 `json:"desired_retention,omitempty"`
	GradeMapping     string  `json:"grade_mapping,omitempty"`
}

// Season defaults.
const (
	DefaultScheduler        = "fsrs"
	DefaultDesiredRetention = 0.9
	DefaultGradeMapping     = "binary"
)

// RedisEnabled is enable_redis, true when omitted.
func (s Season) RedisEnabled() bool { return boolOr(s.EnableRedis, true) }

// SchedulerOrDefault is scheduler, "fsrs" when omitted.
func (s Season) SchedulerOrDefault() string { return stringOr(s.Scheduler, DefaultScheduler) }

// RetentionOrDefault is desired_retention, 0.9 when omitted.
func (s Season) RetentionOrDefault() float64 {
	if s.DesiredRetention == 0 {
		return DefaultDesiredRetention
	}
	return s.DesiredRetention
}

// GradeMappingOrDefault is grade_mapping, "binary" when omitted.
func (s Season) GradeMappingOrDefault() string { return stringOr(s.GradeMapping, DefaultGradeMapping) }

// Subject is the top of the content tree. Institution empty = shared by every institution.
// Prices are integer cents; nil means "no price".
type Subject struct {
	ID                   string `json:"id"`
	Institution          string `json:"institution,omitempty"`
	Title                string `json:"title"`
	TitleEn              string `json:"title_en,omitempty"`
	Icon                 string `json:"icon,omitempty"`
	IsPublished          bool   `json:"is_published,omitempty"`
	IsPaid               bool   `json:"is_paid,omitempty"`
	FullPriceCents       *int64 `json:"full_price_cents,omitempty"`
	DiscountedPriceCents *int64 `json:"discounted_price_cents,omitempty"`
	Position             int    `json:"position,omitempty"`
}

// Track is a learning track of a subject.
type Track struct {
	ID                   string `json:"id"`
	Subject              string `json:"subject"`
	Title                string `json:"title"`
	TitleEn              string `json:"title_en,omitempty"`
	IsDefault            bool   `json:"is_default,omitempty"`
	UnlockLevel          int    `json:"unlock_level,omitempty"`
	Icon                 string `json:"icon,omitempty"`
	Description          string `json:"description,omitempty"`
	IsPaid               bool   `json:"is_paid,omitempty"`
	IsSoldSeparately     bool   `json:"is_sold_separately,omitempty"`
	StandalonePriceCents *int64 `json:"standalone_price_cents,omitempty"`
	DiscountedPriceCents *int64 `json:"discounted_price_cents,omitempty"`
	IsPublished          bool   `json:"is_published,omitempty"`
	Position             int    `json:"position,omitempty"`
}

// Unit structure types.
const (
	TopicBased  = "topic_based"
	LessonBased = "lesson_based"
)

// Unit belongs to a subject and one of its tracks; topic_based units hold topics, lesson_based units
// hold lessons directly.
type Unit struct {
	ID             string `json:"id"`
	Subject        string `json:"subject"`
	Track          string `json:"track"`
	Title          string `json:"title"`
	TitleEn        string `json:"title_en,omitempty"`
	StructureType  string `json:"structure_type"`
	IsFreePreview  bool   `json:"is_free_preview,omitempty"`
	IsLinearTopics bool   `json:"is_linear_topics,omitempty"`
	IsPublished    bool   `json:"is_published,omitempty"`
	Position       int    `json:"position,omitempty"`
}

// Topic belongs to a topic_based unit. IsLinear (lessons open in order) is true when omitted.
type Topic struct {
	ID            string `json:"id"`
	Unit          string `json:"unit"`
	Title         string `json:"title"`
	TitleEn       string `json:"title_en,omitempty"`
	Description   string `json:"description,omitempty"`
	IsFreePreview bool   `json:"is_free_preview,omitempty"`
	IsLinear      *bool  `json:"is_linear,omitempty"`
	IsPublished   bool   `json:"is_published,omitempty"`
	Position      int    `json:"position,omitempty"`
}

// Linear is is_linear, true when omitted.
func (t Topic) Linear() bool { return boolOr(t.IsLinear, true) }

// DefaultXPReward is a lesson's xp_reward when omitted.
const DefaultXPReward = 10

// Lesson belongs to a unit and, in a topic_based unit, to one of its topics. Titles are unique.
// Stages are played in file order.
type Lesson struct {
	ID          string  `json:"id"`
	Unit        string  `json:"unit"`
	Topic       string  `json:"topic,omitempty"`
	Title       string  `json:"title"`
	TitleEn     string  `json:"title_en,omitempty"`
	XPReward    *int    `json:"xp_reward,omitempty"`
	IsPublished bool    `json:"is_published,omitempty"`
	Position    int     `json:"position,omitempty"`
	Stages      []Stage `json:"stages"`
}

// Reward is xp_reward, DefaultXPReward when omitted.
func (l Lesson) Reward() int {
	if l.XPReward == nil {
		return DefaultXPReward
	}
	return *l.XPReward
}

// Stage is one step of a lesson; Config is the typed config of its type (see catalog.ParseStageConfig).
// Stage ids are global: they are the SRS question ids.
type Stage struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Type   string          `json:"type"`
	Config json.RawMessage `json:"config"`
}

// Plan subject selection types.
const (
	AllUnits     = "all_units"
	SpecificUnit = "specific_unit"
)

// Plan maps (grade, stream, season) to the subjects a student sees. Institution empty = shared.
type Plan struct {
	ID          string        `json:"id"`
	Institution string        `json:"institution,omitempty"`
	Grade       string        `json:"grade"`
	Stream      string        `json:"stream,omitempty"`
	Season      string        `json:"season"`
	Subjects    []PlanSubject `json:"subjects"`
}

// PlanSubject is one row of a plan, in display order. SelectionType is all_units when omitted;
// IsMandatory is true when omitted.
type PlanSubject struct {
	Subject       string `json:"subject"`
	DisplayName   string `json:"display_name,omitempty"`
	IsMandatory   *bool  `json:"is_mandatory,omitempty"`
	SelectionType string `json:"selection_type,omitempty"`
	SpecificUnit  string `json:"specific_unit,omitempty"`
}

// Mandatory is is_mandatory, true when omitted.
func (p PlanSubject) Mandatory() bool { return boolOr(p.IsMandatory, true) }

// Selection is selection_type, all_units when omitted.
func (p PlanSubject) Selection() string { return stringOr(p.SelectionType, AllUnits) }

// SalesItem is a store product. TargetStreams empty = every stream; DiscountedPriceCents 0 is a real
// price (free), nil means no discount. IsActive is true when omitted.
type SalesItem struct {
	ID                   string        `json:"id"`
	Institution          string        `json:"institution,omitempty"`
	Name                 string        `json:"name"`
	NameEn               string        `json:"name_en,omitempty"`
	Description          string        `json:"description,omitempty"`
	Season               string        `json:"season"`
	TargetGrade          string        `json:"target_grade,omitempty"`
	TargetStreams        []string      `json:"target_streams,omitempty"`
	PriceCents           int64         `json:"price_cents"`
	DiscountedPriceCents *int64        `json:"discounted_price_cents,omitempty"`
	Image                string        `json:"image,omitempty"`
	SKU                  string        `json:"sku,omitempty"`
	IsActive             *bool         `json:"is_active,omitempty"`
	Bundle               []BundleEntry `json:"bundle"`
}

// Active is is_active, true when omitted.
func (s SalesItem) Active() bool { return boolOr(s.IsActive, true) }

// Bundle and access entry types.
const (
	AccessGlobal  = "global"
	AccessSubject = "subject"
	AccessTrack   = "track"
)

// BundleEntry is what buying an item grants: a subject or a track.
type BundleEntry struct {
	Type    string `json:"type"`
	Subject string `json:"subject,omitempty"`
	Track   string `json:"track,omitempty"`
}

// Roles a user may hold.
const (
	RoleStudent          = "Student"
	RoleTeacher          = "Teacher"
	RoleContentManager   = "Content Manager"
	RoleInstitutionAdmin = "Institution Admin"
	RoleSystemManager    = "System Manager"
)

// Roles lists every role in a stable order.
func Roles() []string {
	return []string{RoleStudent, RoleTeacher, RoleContentManager, RoleInstitutionAdmin, RoleSystemManager}
}

// User is an account, identified by its lower-case email. Imports carry no passwords.
// Enabled is true when omitted.
type User struct {
	Email       string   `json:"email"`
	Institution string   `json:"institution"`
	FullName    string   `json:"full_name,omitempty"`
	Roles       []string `json:"roles"`
	Enabled     *bool    `json:"enabled,omitempty"`
}

// IsEnabled is enabled, true when omitted.
func (u User) IsEnabled() bool { return boolOr(u.Enabled, true) }

// Subscription types and statuses.
const (
	SubscriptionGlobal   = "global"
	SubscriptionSpecific = "specific"

	StatusActive    = "active"
	StatusSuspended = "suspended"
	StatusExpired   = "expired"
)

// Subscription grants a user access for a season. A global subscription has no access rows (or only
// global ones); a specific one lists subjects and tracks. Status is active when omitted.
type Subscription struct {
	User   string        `json:"user"`
	Season string        `json:"season"`
	Type   string        `json:"type"`
	Status string        `json:"status,omitempty"`
	Access []AccessEntry `json:"access,omitempty"`
}

// StatusOrDefault is status, active when omitted.
func (s Subscription) StatusOrDefault() string { return stringOr(s.Status, StatusActive) }

// AccessEntry is one thing a subscription opens.
type AccessEntry struct {
	Type    string `json:"type"`
	Subject string `json:"subject,omitempty"`
	Track   string `json:"track,omitempty"`
}

// DefaultHearts is a player's hearts when omitted.
const DefaultHearts = 5

// Player is the game profile and history of a user (one per user). Grade, stream and season are what
// onboarding sets; empty grade sends the student through onboarding again.
type Player struct {
	User          string         `json:"user"`
	Grade         string         `json:"grade,omitempty"`
	Stream        string         `json:"stream,omitempty"`
	Season        string         `json:"season,omitempty"`
	TotalXP       int64          `json:"total_xp,omitempty"`
	Gems          int            `json:"gems,omitempty"`
	Hearts        *int           `json:"hearts,omitempty"`
	SubjectScores []SubjectScore `json:"subject_scores,omitempty"`
	Sessions      []Session      `json:"sessions,omitempty"`
	Memory        []Memory       `json:"memory,omitempty"`

	// given holds the fields the file wrote for this entry (set by Parse); nil means all of them.
	given map[string]bool
}

// Given reports whether the entry sets field (its JSON name). An entry that lists only some
// fields updates only those: a profile field it leaves out keeps its value.
func (p Player) Given(field string) bool { return p.given == nil || p.given[field] }

// HeartsOrDefault is hearts, DefaultHearts when omitted.
func (p Player) HeartsOrDefault() int {
	if p.Hearts == nil {
		return DefaultHearts
	}
	return *p.Hearts
}

// SubjectScore is a player's XP in one subject (subject leaderboards).
type SubjectScore struct {
	Subject string `json:"subject"`
	TotalXP int64  `json:"total_xp"`
}

// Session kinds.
const (
	SessionLesson = "lesson"
	SessionReview = "review"
)

// Session is one played lesson or review. ID is the client session id (unique per player), which makes
// a re-import a no-op. PlayedAt is RFC 3339. Lesson is required for lesson sessions, empty for reviews;
// Subject and Topic are optional (derived from the lesson when empty).
type Session struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Lesson   string `json:"lesson,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Topic    string `json:"topic,omitempty"`
	Season   string `json:"season,omitempty"`
	XPEarned int    `json:"xp_earned"`
	Score    int    `json:"score"`
	PlayedAt string `json:"played_at"`
}

// Memory is the spaced-repetition state of one question (a stage id, or "<stage id>:<index>" for one
// highlight or pair) for a player in a season. State is the FSRS state (0 new, 1 learning, 2 review,
// 3 relearning); Level is the original's 1–4 stability level (0 = derive from stability).
// Due and LastReview are RFC 3339.
type Memory struct {
	Season     string  `json:"season"`
	QuestionID string  `json:"question_id"`
	Subject    string  `json:"subject,omitempty"`
	Topic      string  `json:"topic,omitempty"`
	Stability  float64 `json:"stability"`
	Difficulty float64 `json:"difficulty"`
	State      int     `json:"state"`
	Level      int     `json:"level,omitempty"`
	Due        string  `json:"due"`
	LastReview string  `json:"last_review,omitempty"`
	Reps       int     `json:"reps,omitempty"`
	Lapses     int     `json:"lapses,omitempty"`
}

func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

func stringOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
