package store

import (
	"context"
	"encoding/json"
	"time"
)

// Sources of a parameter set.
const (
	SRSParamsFit    = "fit"
	SRSParamsManual = "manual"
)

// Modes of a season's parameters in an institution: which set the scheduler uses.
const (
	SRSModeAuto     = "auto"     // the latest version (the default, no state row)
	SRSModePinned   = "pinned"   // PinnedVersion, which the fit job no longer replaces
	SRSModeDefaults = "defaults" // none: the season's own weights or the FSRS-6 defaults
)

// SRSParams is one fitted FSRS-6 weight set: an institution's for a season (PlayerID nil)
// or one student's, shrunk toward the institution's set of the same version.
type SRSParams struct {
	ID            int64
	InstitutionID string
	SeasonID      string
	PlayerID      *int64
	Version       int
	Weights       []float64
	ReviewsUsed   int
	LogLossBefore float64
	LogLossAfter  float64
	Source        string
	CreatedAt     time.Time
	// Students is, on an institution's row from SRSParamsList, the number of student sets
	// of its version.
	Students int
}

// SRSParamState is the mode of a season's parameters in an institution.
type SRSParamState struct {
	InstitutionID string
	SeasonID      string
	Mode          string
	PinnedVersion *int
	UpdatedBy     string
	UpdatedAt     time.Time
}

// SRSWeightSet is the weights the scheduler uses for one institution and season: the
// institution's set of the version in use and its students' sets. Version 0: none (the
// season's own weights or the defaults).
type SRSWeightSet struct {
	Version     int
	Institution []float64
	Players     map[int64][]float64
}

// For is the weights of a student: their own set, else the institution's; nil when the
// set is empty.
func (s SRSWeightSet) For(userID int64) []float64 {
	if w, ok := s.Players[userID]; ok {
		return w
	}
	return s.Institution
}

// ReviewLogFitRow is one review as the optimizer reads it.
type ReviewLogFitRow struct {
	ID         int64
	UserID     int64
	QuestionID string
	Rating     int
	ReviewedAt time.Time
}

// ReviewLogFitPageParams is a page of an institution's review log for a season, in
// (user, id) order after (AfterUserID, AfterID).
type ReviewLogFitPageParams struct {
	InstitutionID string
	SeasonID      string
	AfterUserID   int64
	AfterID       int64
	Limit         int
}

// SRSParamsExecutor holds fitted scheduling parameters and the review-log reads of the fit.
type SRSParamsExecutor interface {
	// SRSParamsInsert stores the rows of one version (ErrConflict if it exists).
	SRSParamsInsert(ctx context.Context, rows []SRSParams) error
	// SRSParamsLatestVersion is the highest version of an institution's season (0: none).
	SRSParamsLatestVersion(ctx context.Context, institutionID, seasonID string) (int, error)
	// SRSParamsPrunePlayers deletes the student sets of the versions below belowVersion
	// (their institution rows stay) and returns how many.
	SRSParamsPrunePlayers(ctx context.Context, institutionID, seasonID string, belowVersion int) (int64, error)
	// SRSParamsList returns the institution's sets of a season, newest version first, at
	// most limit, each with its number of student sets.
	SRSParamsList(ctx context.Context, institutionID, seasonID string, limit int) ([]SRSParams, error)
	// SRSParamsCurrent is the set the scheduler uses, by the season's state (one query).
	SRSParamsCurrent(ctx context.Context, institutionID, seasonID string) (SRSWeightSet, error)
	// SRSParamsInUse is the version SRSParamsCurrent reads (0: none), without its rows: a
	// server checks its cached set against it when no invalidation channel is live.
	SRSParamsInUse(ctx context.Context, institutionID, seasonID string) (int, error)
	// SRSParamStateGet returns the state row (ErrNotFound: auto).
	SRSParamStateGet(ctx context.Context, institutionID, seasonID string) (SRSParamState, error)
	SRSParamStateSet(ctx context.Context, s SRSParamState) error
	// ReviewLogFitStats counts an institution's reviews of a season and the students who made them.
	ReviewLogFitStats(ctx context.Context, institutionID, seasonID string) (reviews, students int64, err error)
	ReviewLogFitPage(ctx context.Context, p ReviewLogFitPageParams) ([]ReviewLogFitRow, error)
}

// EncodeWeights is the stored form of weights (a JSON array).
func EncodeWeights(w []float64) string {
	b, _ := json.Marshal(w) // a []float64 of finite values always marshals
	return string(b)
}

// DecodeWeights reads stored weights; nil if they do not parse.
func DecodeWeights(s string) []float64 {
	var w []float64
	if json.Unmarshal([]byte(s), &w) != nil {
		return nil
	}
	return w
}

// Add puts one row of a version in the set: the institution's (playerID nil) or a student's.
func (s *SRSWeightSet) Add(playerID *int64, weights []float64) {
	if weights == nil {
		return
	}
	if playerID == nil {
		s.Institution = weights
		return
	}
	if s.Players == nil {
		s.Players = map[int64][]float64{}
	}
	s.Players[*playerID] = weights
}
