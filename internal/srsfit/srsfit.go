// Package srsfit fits FSRS-6 parameters to an institution's review log of a season and
// keeps them, versioned, for the scheduler (docs/srs.md §12): the institution's weights
// from its pooled reviews, and each student's weights with enough reviews shrunk toward
// the institution's (optimize.ShrinkOptions). Staff list the versions, pin one (the fit
// job then leaves the season alone) or reset the season to its defaults; every fit, pin
// and reset is in the audit log.
package srsfit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/srs/optimize"
	"memora/internal/store"
)

// The rules of a fit (docs/srs.md §12).
const (
	// MinReviews and MinStudents: below either, an institution's season is not fitted.
	MinReviews  = 1000
	MinStudents = 10
	// MinStudentReviews: a student with fewer reviews in the season gets no set of their
	// own (they use the institution's).
	MinStudentReviews = 50
	// MaxReviews caps the institution's fit: whole students are taken in id order until
	// the cap is reached (about 1.3 s of fitting on the shared 2-vCPU machine).
	MaxReviews = 200_000
	// MaxStudentReviews caps one student's fit (their first reviews of the season).
	MaxStudentReviews = 5_000
	// KeepStudentSets is the number of latest versions whose student sets are kept.
	KeepStudentSets = 2
	// pageSize is the number of review-log rows read at a time.
	pageSize = 5_000
	// listLimit is the number of versions listed.
	listLimit = 100
)

// Audit actions.
const (
	ActionFit    = "srs.parameters_fitted"
	ActionPin    = "srs.parameters_pinned"
	ActionReset  = "srs.parameters_reset"
	ActionAuto   = "srs.parameters_auto"
	ActionFitNow = "srs.parameters_fit_queued"
)

// Enqueuer queues a fit of one institution's season in tx (jobs.Queue).
type Enqueuer interface {
	EnqueueFit(ctx context.Context, tx store.Executor, institutionID, seasonID, by string) (int64, error)
}

// Service fits, stores and selects parameter sets.
type Service struct {
	Store  store.Store
	Audit  audit.Log
	Clock  clock.Clock
	Logger *slog.Logger
	// Queue queues staff's "fit now"; nil refuses it.
	Queue Enqueuer
	// Changed, when set, is called after the set in use of an institution's season may
	// have changed (to drop cached sets).
	Changed func(institutionID, seasonID string)
}

// Outcome is what a fit of one institution's season did.
type Outcome struct {
	InstitutionID string `json:"institution"`
	SeasonID      string `json:"season"`
	Status        string `json:"status"` // fitted, pinned, defaults, too_few_reviews, classic, no_cross_day_reviews
	Version       int    `json:"version,omitempty"`
	Reviews       int64  `json:"reviews"`
	Students      int64  `json:"students"`
	ReviewsUsed   int    `json:"reviews_used,omitempty"`
	StudentSets   int    `json:"student_sets,omitempty"`
	// StudentSetsPruned is the number of older versions' student sets deleted.
	StudentSetsPruned int64   `json:"student_sets_pruned,omitempty"`
	LogLossBefore     float64 `json:"log_loss_before,omitempty"`
	LogLossAfter      float64 `json:"log_loss_after,omitempty"`
}

// Outcome statuses.
const (
	StatusFitted    = "fitted"
	StatusPinned    = "pinned"
	StatusDefaults  = "defaults"
	StatusTooFew    = "too_few_reviews"
	StatusClassic   = "classic"
	StatusNoCrossed = "no_cross_day_reviews"
)

// FitAll fits every institution's active FSRS seasons (the periodic job). One failure
// does not stop the others; they are joined in the error.
func (s *Service) FitAll(ctx context.Context) ([]Outcome, error) {
	insts, err := s.Store.InstitutionList(ctx)
	if err != nil {
		return nil, fmt.Errorf("fit parameters: %w", err)
	}
	seasons, err := s.Store.SeasonList(ctx)
	if err != nil {
		return nil, fmt.Errorf("fit parameters: %w", err)
	}
	var out []Outcome
	var errs []error
	for _, season := range seasons {
		if !season.IsActive || season.ArchivedAt != nil {
			continue
		}
		for _, inst := range insts {
			o, err := s.fit(ctx, inst, season)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s/%s: %w", inst.ID, season.ID, err))
				continue
			}
			out = append(out, o)
		}
	}
	return out, errors.Join(errs...)
}

// Fit fits one institution's season, unless it is pinned, reset to defaults, classic or
// has too few reviews (the Outcome says which).
func (s *Service) Fit(ctx context.Context, institutionID, seasonID string) (Outcome, error) {
	inst, err := s.Store.InstitutionGet(ctx, institutionID)
	if err != nil {
		return Outcome{}, fmt.Errorf("fit parameters: %w", err)
	}
	season, err := s.Store.SeasonGet(ctx, seasonID)
	if err != nil {
		return Outcome{}, fmt.Errorf("fit parameters: %w", err)
	}
	return s.fit(ctx, inst, season)
}

func (s *Service) fit(ctx context.Context, inst store.Institution, season store.Season) (Outcome, error) {
	o := Outcome{InstitutionID: inst.ID, SeasonID: season.ID}
	settings := scheduling.Settings(season)
	if settings.Kind == srs.KindClassic {
		o.Status = StatusClassic
		return o, nil
	}
	if status, err := s.held(ctx, s.Store, inst.ID, season.ID); err != nil || status != "" {
		o.Status = status
		return o, err
	}
	var err error
	if o.Reviews, o.Students, err = s.Store.ReviewLogFitStats(ctx, inst.ID, season.ID); err != nil {
		return o, fmt.Errorf("fit parameters: %w", err)
	}
	if o.Reviews < MinReviews || o.Students < MinStudents {
		o.Status = StatusTooFew
		return o, nil
	}
	loc, err := time.LoadLocation(inst.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	r := reader{st: s.Store, inst: inst.ID, season: season.ID,
		clock: srs.Clock{Location: loc, RolloverHour: settings.RolloverHour}}

	// The institution: whole students in id order up to MaxReviews.
	var pool [][]optimize.Review
	used := 0
	err = r.eachStudent(ctx, func(_ int64, cards [][]optimize.Review, n int) bool {
		pool = append(pool, cards...)
		used += n
		return used < MaxReviews
	})
	if err != nil {
		return o, err
	}
	opts := optimize.DefaultOptions()
	opts.Initial = settings.Weights // the season's own weights, or nil: the defaults
	res, err := optimize.Fit(pool, opts)
	if errors.Is(err, optimize.ErrNoData) {
		o.Status = StatusNoCrossed
		return o, nil
	}
	if err != nil {
		return o, fmt.Errorf("fit parameters: %w", err)
	}
	pool = nil
	now := s.Clock.Now()
	rows := []store.SRSParams{{InstitutionID: inst.ID, SeasonID: season.ID, Weights: res.Weights, ReviewsUsed: used,
		LogLossBefore: res.LossBefore, LogLossAfter: res.LossAfter, Source: store.SRSParamsFit, CreatedAt: now}}

	// Each student with enough reviews: shrunk toward the institution.
	shrink := optimize.ShrinkOptions(res.Weights)
	err = r.eachStudent(ctx, func(user int64, cards [][]optimize.Review, n int) bool {
		if n < MinStudentReviews {
			return true
		}
		sr, err := optimize.Fit(cards, shrink)
		if err != nil { // no cross-day review yet
			return true
		}
		rows = append(rows, store.SRSParams{InstitutionID: inst.ID, SeasonID: season.ID, PlayerID: &user,
			Weights: sr.Weights, ReviewsUsed: n, LogLossBefore: sr.LossBefore, LogLossAfter: sr.LossAfter,
			Source: store.SRSParamsFit, CreatedAt: now})
		return true
	})
	if err != nil {
		return o, err
	}

	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		// A pin or reset made while the fit ran wins.
		if status, err := s.held(ctx, tx, inst.ID, season.ID); err != nil || status != "" {
			o.Status = status
			return err
		}
		v, err := tx.SRSParamsLatestVersion(ctx, inst.ID, season.ID)
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].Version = v + 1
		}
		if err := tx.SRSParamsInsert(ctx, rows); err != nil {
			return err
		}
		// The student sets of the last KeepStudentSets versions are kept; older versions keep
		// their institution's set only.
		if o.StudentSetsPruned, err = tx.SRSParamsPrunePlayers(ctx, inst.ID, season.ID, v+2-KeepStudentSets); err != nil {
			return err
		}
		o.Status, o.Version = StatusFitted, v+1
		o.ReviewsUsed, o.StudentSets = used, len(rows)-1
		o.LogLossBefore, o.LogLossAfter = res.LossBefore, res.LossAfter
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: inst.ID, Action: ActionFit, Target: season.ID, Detail: o})
	})
	if err != nil {
		return o, fmt.Errorf("fit parameters: %w", err)
	}
	if o.Status == StatusFitted {
		s.changed(inst.ID, season.ID)
		s.logger().Info("srs parameters fitted", "institution", inst.ID, "season", season.ID, "version", o.Version,
			"reviews_used", used, "student_sets", o.StudentSets, "log_loss_before", o.LogLossBefore, "log_loss_after", o.LogLossAfter)
	}
	return o, nil
}

// held is the status of a season the job leaves alone (pinned, defaults), or "".
func (s *Service) held(ctx context.Context, ex store.Executor, inst, season string) (string, error) {
	st, err := ex.SRSParamStateGet(ctx, inst, season)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("fit parameters: %w", err)
	case st.Mode == store.SRSModePinned:
		return StatusPinned, nil
	case st.Mode == store.SRSModeDefaults:
		return StatusDefaults, nil
	}
	return "", nil
}

func (s *Service) changed(inst, season string) {
	if s.Changed != nil {
		s.Changed(inst, season)
	}
}

func (s *Service) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

// reader streams an institution's review log of a season, student by student.
type reader struct {
	st     store.Executor
	inst   string
	season string
	clock  srs.Clock
}

// eachStudent calls fn with each student's card histories (at most MaxStudentReviews
// reviews, the first ones) and review count, in user id order, reading pageSize rows at a
// time; fn returns false to stop.
func (r reader) eachStudent(ctx context.Context, fn func(user int64, cards [][]optimize.Review, n int) bool) error {
	p := store.ReviewLogFitPageParams{InstitutionID: r.inst, SeasonID: r.season, Limit: pageSize}
	var cur int64
	var rows []store.ReviewLogFitRow
	flush := func() bool {
		if len(rows) == 0 {
			return true
		}
		cards := histories(rows, r.clock)
		n := len(rows)
		rows = rows[:0]
		return fn(cur, cards, n)
	}
	for {
		page, err := r.st.ReviewLogFitPage(ctx, p)
		if err != nil {
			return fmt.Errorf("fit parameters: %w", err)
		}
		for _, row := range page {
			if row.UserID != cur {
				if !flush() {
					return nil
				}
				cur = row.UserID
			}
			if len(rows) < MaxStudentReviews && srs.Rating(row.Rating).Valid() {
				rows = append(rows, row)
			}
		}
		if len(page) < p.Limit {
			flush()
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		last := page[len(page)-1]
		p.AfterUserID, p.AfterID = last.UserID, last.ID
	}
}

// histories groups one student's reviews by question, in time order (id order among
// equal times), counting learner days with clock: optimize.Histories for the database.
func histories(rows []store.ReviewLogFitRow, clock srs.Clock) [][]optimize.Review {
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b store.ReviewLogFitRow) int {
		if c := cmp.Compare(a.QuestionID, b.QuestionID); c != 0 {
			return c
		}
		if c := a.ReviewedAt.Compare(b.ReviewedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	var out [][]optimize.Review
	prev := 0
	for i, row := range rows {
		day := clock.Day(row.ReviewedAt)
		rv := optimize.Review{Rating: srs.Rating(row.Rating)}
		if i == 0 || rows[i-1].QuestionID != row.QuestionID {
			out = append(out, nil)
		} else {
			rv.Elapsed = max(day-prev, 0)
		}
		out[len(out)-1] = append(out[len(out)-1], rv)
		prev = day
	}
	return out
}
