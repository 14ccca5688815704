package store

import (
	"context"
	"time"
)

// Stream is an academic stream (Scientific, Literary, …).
type Stream struct {
	ID       string
	Title    string
	TitleEN  string
	Position int
}

// Grade is an academic grade; ValidStreams empty means "no stream needed".
type Grade struct {
	ID           string
	Title        string
	TitleEN      string
	Position     int
	ValidStreams []string
}

// AcademicTitle is a grade's or a stream's title (Kind is AcademicGrade or AcademicStream), as
// a page names them.
type AcademicTitle struct {
	Kind    string
	ID      string
	Title   string
	TitleEN string
}

// The kinds of AcademicTitle.
const (
	AcademicGrade  = "grade"
	AcademicStream = "stream"
)

// Scheduler kinds a season may use.
const (
	SchedulerFSRS    = "fsrs"
	SchedulerClassic = "classic"
)

// Season is the time container for plans, products, subscriptions and memory state.
// StartDate and EndDate are calendar dates (midnight UTC).
type Season struct {
	ID               string
	Title            string
	TitleEN          string
	StartDate        time.Time
	EndDate          time.Time
	IsActive         bool
	EnableRedis      bool
	AutoArchive      bool
	PartitionCreated bool
	ArchivedAt       *time.Time
	Scheduler        string
	DesiredRetention float64
	GradeMapping     string
	FSRSWeights      string
	CreatedAt        time.Time
	// ExamDate is the calendar date of the season's exam (nil: none); ExamTarget is the
	// recall the scheduler aims for on that day (srs.md §10).
	ExamDate   *time.Time
	ExamTarget float64
}

// Selection types of a plan subject.
const (
	SelectAllUnits     = "all_units"
	SelectSpecificUnit = "specific_unit"
)

// Plan maps (institution, grade, stream, season) to the subjects a student sees.
type Plan struct {
	ID            string
	InstitutionID *string
	GradeID       string
	StreamID      *string
	SeasonID      string
	UpdatedAt     time.Time
	Subjects      []PlanSubject
}

// PlanSubject is one row of a plan.
type PlanSubject struct {
	Position       int
	SubjectID      string
	DisplayName    string
	IsMandatory    bool
	SelectionType  string
	SpecificUnitID *string
}

// PlanFindParams looks a plan up. A nil StreamID matches only plans without a stream;
// an institution's own plan wins over a shared one.
type PlanFindParams struct {
	InstitutionID string
	GradeID       string
	StreamID      *string
	SeasonID      string
}

// GradeSeason is one (grade, season) pair for which a plan exists.
type GradeSeason struct {
	GradeID  string
	SeasonID string
}

// AcademicExecutor holds grades, streams, seasons and academic plans.
type AcademicExecutor interface {
	StreamUpsert(ctx context.Context, s Stream) error
	StreamList(ctx context.Context) ([]Stream, error)

	GradeUpsert(ctx context.Context, g Grade) error
	GradeGet(ctx context.Context, id string) (Grade, error)
	GradeList(ctx context.Context) ([]Grade, error)
	// AcademicTitles returns the titles of the grades among gradeIDs and of the streams among
	// streamIDs that exist, in no particular order: one read for a page that names many.
	AcademicTitles(ctx context.Context, gradeIDs, streamIDs []string) ([]AcademicTitle, error)

	SeasonUpsert(ctx context.Context, s Season) error
	SeasonGet(ctx context.Context, id string) (Season, error)
	SeasonList(ctx context.Context) ([]Season, error)

	PlanUpsert(ctx context.Context, p Plan) error
	PlanFind(ctx context.Context, p PlanFindParams) (Plan, error)
	PlanGradeSeasons(ctx context.Context, institutionID string) ([]GradeSeason, error)
}
