package srsfit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"memora/internal/audit"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/srs"
	"memora/internal/srs/optimize"
	"memora/internal/store"
)

// Rules are the fit's minimums and caps, shown with the versions.
type Rules struct {
	MinReviews        int     `json:"min_reviews"`
	MinStudents       int     `json:"min_students"`
	MinStudentReviews int     `json:"min_student_reviews"`
	MaxReviews        int     `json:"max_reviews"`
	MaxStudentReviews int     `json:"max_student_reviews"`
	ShrinkGamma       float64 `json:"shrink_gamma"`
}

// Version is one fitted institution set of a season.
type Version struct {
	Version       int       `json:"version"`
	Source        string    `json:"source"`
	CreatedAt     time.Time `json:"created_at"`
	ReviewsUsed   int       `json:"reviews_used"`
	StudentSets   int       `json:"student_sets"`
	LogLossBefore float64   `json:"log_loss_before"`
	LogLossAfter  float64   `json:"log_loss_after"`
	Weights       []float64 `json:"weights"`
	InUse         bool      `json:"in_use"`
}

// Versions is a season's parameters in an institution: the mode, the version in use (0:
// none, the season's own weights or the FSRS-6 defaults) and the versions, newest first.
type Versions struct {
	Institution   string    `json:"institution"`
	Season        string    `json:"season"`
	Mode          string    `json:"mode"`
	PinnedVersion *int      `json:"pinned_version"`
	InUse         int       `json:"in_use"`
	Rules         Rules     `json:"rules"`
	Versions      []Version `json:"versions"`
}

// Messages (internal/i18n/messages/srsfit.json).
const (
	msgNoSeason  = "Unknown season: {season}"
	msgNoInst    = "Unknown institution: {institution}"
	msgNoVersion = "Season {season} has no parameter version {version}."
	msgNoQueue   = "Fitting now needs the job queue, which this server does not run."
)

// scope checks that c may act on the institution's season; an institution the caller does
// not reach is unknown to them.
func (s *Service) scope(ctx context.Context, c identity.Caller, institutionID, seasonID string) (string, error) {
	if institutionID == "" {
		institutionID = c.InstitutionID
	}
	if !c.Reaches(institutionID) {
		return "", problem.Newf(problem.NotFound, msgNoInst, "institution", institutionID)
	}
	if _, err := s.Store.InstitutionGet(ctx, institutionID); errors.Is(err, store.ErrNotFound) {
		return "", problem.Newf(problem.NotFound, msgNoInst, "institution", institutionID)
	} else if err != nil {
		return "", fmt.Errorf("srs parameters: %w", err)
	}
	if _, err := s.Store.SeasonGet(ctx, seasonID); errors.Is(err, store.ErrNotFound) {
		return "", problem.Newf(problem.NotFound, msgNoSeason, "season", seasonID)
	} else if err != nil {
		return "", fmt.Errorf("srs parameters: %w", err)
	}
	return institutionID, nil
}

// List returns the season's parameter versions in the institution (the caller's when
// institutionID is empty).
func (s *Service) List(ctx context.Context, c identity.Caller, institutionID, seasonID string) (Versions, error) {
	inst, err := s.scope(ctx, c, institutionID, seasonID)
	if err != nil {
		return Versions{}, err
	}
	return s.versions(ctx, s.Store, inst, seasonID)
}

func (s *Service) versions(ctx context.Context, ex store.Executor, inst, seasonID string) (Versions, error) {
	out := Versions{Institution: inst, Season: seasonID, Mode: store.SRSModeAuto, Versions: []Version{},
		Rules: Rules{MinReviews: MinReviews, MinStudents: MinStudents, MinStudentReviews: MinStudentReviews,
			MaxReviews: MaxReviews, MaxStudentReviews: MaxStudentReviews, ShrinkGamma: optimize.ShrinkGamma}}
	st, err := ex.SRSParamStateGet(ctx, inst, seasonID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return out, fmt.Errorf("srs parameters: %w", err)
	}
	if err == nil {
		out.Mode, out.PinnedVersion = st.Mode, st.PinnedVersion
	}
	rows, err := ex.SRSParamsList(ctx, inst, seasonID, listLimit)
	if err != nil {
		return out, fmt.Errorf("srs parameters: %w", err)
	}
	switch {
	case out.Mode == store.SRSModePinned && out.PinnedVersion != nil:
		out.InUse = *out.PinnedVersion
	case out.Mode == store.SRSModeAuto && len(rows) > 0:
		out.InUse = rows[0].Version
	}
	for _, r := range rows {
		out.Versions = append(out.Versions, Version{Version: r.Version, Source: r.Source, CreatedAt: r.CreatedAt,
			ReviewsUsed: r.ReviewsUsed, StudentSets: r.Students, LogLossBefore: r.LogLossBefore,
			LogLossAfter: r.LogLossAfter, Weights: r.Weights, InUse: r.Version == out.InUse})
	}
	return out, nil
}

// Pin makes version the set in use of the season and stops the fit job from replacing
// it; version 0 unpins (the latest fit is used again, and the job fits again).
func (s *Service) Pin(ctx context.Context, c identity.Caller, institutionID, seasonID string, version int) (Versions, error) {
	inst, err := s.scope(ctx, c, institutionID, seasonID)
	if err != nil {
		return Versions{}, err
	}
	state := store.SRSParamState{InstitutionID: inst, SeasonID: seasonID, Mode: store.SRSModeAuto, UpdatedBy: c.Email,
		UpdatedAt: s.Clock.Now()}
	action := ActionAuto
	if version != 0 {
		state.Mode, state.PinnedVersion, action = store.SRSModePinned, &version, ActionPin
	}
	return s.setState(ctx, c, state, action)
}

// Reset puts the season back on its defaults (its own weights, or FSRS-6's) until it is
// pinned or unpinned again; the job does not fit it meanwhile.
func (s *Service) Reset(ctx context.Context, c identity.Caller, institutionID, seasonID string) (Versions, error) {
	inst, err := s.scope(ctx, c, institutionID, seasonID)
	if err != nil {
		return Versions{}, err
	}
	return s.setState(ctx, c, store.SRSParamState{InstitutionID: inst, SeasonID: seasonID, Mode: store.SRSModeDefaults,
		UpdatedBy: c.Email, UpdatedAt: s.Clock.Now()}, ActionReset)
}

func (s *Service) setState(ctx context.Context, c identity.Caller, st store.SRSParamState, action string) (Versions, error) {
	var out Versions
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if st.PinnedVersion != nil {
			rows, err := tx.SRSParamsList(ctx, st.InstitutionID, st.SeasonID, 1_000_000)
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(rows, func(r store.SRSParams) bool { return r.Version == *st.PinnedVersion }) {
				return problem.Newf(problem.NotFound, msgNoVersion, "season", st.SeasonID, "version", fmt.Sprint(*st.PinnedVersion))
			}
		}
		before, err := s.versions(ctx, tx, st.InstitutionID, st.SeasonID)
		if err != nil {
			return err
		}
		if err := tx.SRSParamStateSet(ctx, st); err != nil {
			return err
		}
		if out, err = s.versions(ctx, tx, st.InstitutionID, st.SeasonID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: st.InstitutionID, ActorUserID: c.UserID,
			ActorEmail: c.Email, Action: action, Target: st.SeasonID, RemoteAddr: c.RemoteAddr,
			Detail: map[string]any{"mode": st.Mode, "pinned_version": st.PinnedVersion, "in_use_before": before.InUse,
				"in_use": out.InUse}})
	})
	if err != nil {
		if _, ok := problem.As(err); ok {
			return Versions{}, err
		}
		return Versions{}, fmt.Errorf("srs parameters: %w", err)
	}
	s.changed(st.InstitutionID, st.SeasonID)
	return out, nil
}

// FitNowResult is "fit now"'s answer: Status "queued", or "already_queued" with the job
// that has not run yet.
type FitNowResult struct {
	Institution string `json:"institution"`
	Season      string `json:"season"`
	JobID       int64  `json:"job_id"`
	Status      string `json:"status"`
}

// ErrDuplicate is what an Enqueuer returns, with the queued job's id, when a fit of the
// same institution's season is already queued.
var ErrDuplicate = errors.New("a fit of this season is already queued")

// FitNow queues a fit of the institution's season (run by the job workers), audited.
func (s *Service) FitNow(ctx context.Context, c identity.Caller, institutionID, seasonID string) (FitNowResult, error) {
	inst, err := s.scope(ctx, c, institutionID, seasonID)
	if err != nil {
		return FitNowResult{}, err
	}
	if s.Queue == nil {
		return FitNowResult{}, problem.New(problem.Unavailable, msgNoQueue)
	}
	res := FitNowResult{Institution: inst, Season: seasonID, Status: "queued"}
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		id, err := s.Queue.EnqueueFit(ctx, tx, inst, seasonID, c.Email)
		res.JobID = id
		if errors.Is(err, ErrDuplicate) {
			res.Status = "already_queued"
		} else if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: inst, ActorUserID: c.UserID, ActorEmail: c.Email,
			Action: ActionFitNow, Target: seasonID, RemoteAddr: c.RemoteAddr, Detail: res})
	})
	if err != nil {
		return FitNowResult{}, fmt.Errorf("fit parameters now: %w", err)
	}
	return res, nil
}

// ActionManual is the audit action of a manual version.
const ActionManual = "srs.parameters_manual"

// Messages of a manual version (internal/i18n/messages/srsfit.json).
const (
	msgManualRole   = "Only a System Manager may enter FSRS weights by hand."
	msgManualCount  = "Enter exactly {count} weights (w0 to w20)."
	msgManualBounds = "Weight w{index} must be between {min} and {max}."
)

// CreateManual stores weights a System Manager entered as a new version of the
// institution's season (source "manual", the institution's set only: every student uses
// it) and pins it, so the weekly fit does not replace it; unpinning returns to the fits.
// The 21 weights must lie within srs.WeightBounds. Audited with the weights.
func (s *Service) CreateManual(ctx context.Context, c identity.Caller, institutionID, seasonID string, weights []float64) (Versions, error) {
	if !c.IsSystemManager() {
		return Versions{}, problem.New(problem.Forbidden, msgManualRole)
	}
	if err := CheckWeights(weights); err != nil {
		return Versions{}, err
	}
	inst, err := s.scope(ctx, c, institutionID, seasonID)
	if err != nil {
		return Versions{}, err
	}
	var out Versions
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		before, err := s.versions(ctx, tx, inst, seasonID)
		if err != nil {
			return err
		}
		v, err := tx.SRSParamsLatestVersion(ctx, inst, seasonID)
		if err != nil {
			return err
		}
		now := s.Clock.Now()
		if err := tx.SRSParamsInsert(ctx, []store.SRSParams{{InstitutionID: inst, SeasonID: seasonID, Version: v + 1,
			Weights: slices.Clone(weights), Source: store.SRSParamsManual, CreatedAt: now}}); err != nil {
			return err
		}
		pinned := v + 1
		if err := tx.SRSParamStateSet(ctx, store.SRSParamState{InstitutionID: inst, SeasonID: seasonID,
			Mode: store.SRSModePinned, PinnedVersion: &pinned, UpdatedBy: c.Email, UpdatedAt: now}); err != nil {
			return err
		}
		if out, err = s.versions(ctx, tx, inst, seasonID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: inst, ActorUserID: c.UserID, ActorEmail: c.Email,
			Action: ActionManual, Target: seasonID, RemoteAddr: c.RemoteAddr,
			Detail: map[string]any{"version": pinned, "weights": weights, "in_use_before": before.InUse, "in_use": out.InUse}})
	})
	if err != nil {
		return Versions{}, fmt.Errorf("srs parameters: %w", err)
	}
	s.changed(inst, seasonID)
	return out, nil
}

// CheckWeights refuses a set that is not 21 weights within srs.WeightBounds (a 400 naming
// the first weight out of bounds).
func CheckWeights(w []float64) error {
	lo, hi := srs.WeightBounds()
	if len(w) != len(lo) {
		return problem.Newf(problem.Invalid, msgManualCount, "count", len(lo))
	}
	for i, v := range w {
		if !(v >= lo[i] && v <= hi[i]) { // NaN too
			return WeightOutOfBounds(i)
		}
	}
	return nil
}

// WeightOutOfBounds is the 400 naming weight i's bounds (srs.WeightBounds). The bounds are
// values, so a translation writes them in its own digits; the weight's name (w3) is the
// field's, in ASCII digits as on the form.
func WeightOutOfBounds(i int) error {
	lo, hi := srs.WeightBounds()
	return problem.Newf(problem.Invalid, msgManualBounds, "index", strconv.Itoa(i), "min", lo[i], "max", hi[i])
}
