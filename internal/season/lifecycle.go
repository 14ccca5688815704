package season

import (
	"context"
	"errors"
	"fmt"
	"time"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/srs"
	"memora/internal/store"
)

// Input is a season to create, or the fields to change (nil leaves a field as it is).
type Input struct {
	ID               string
	Title            *string
	TitleEN          *string
	StartDate        *time.Time
	EndDate          *time.Time
	IsActive         *bool
	EnableRedis      *bool
	AutoArchive      *bool
	Scheduler        *string
	DesiredRetention *float64
	GradeMapping     *string
	// ExamDate sets the season's exam date; a zero time clears it. ExamTarget is the
	// recall aimed for on that day (srs.md §10).
	ExamDate   *time.Time
	ExamTarget *float64
}

// Updated is the result of Update: the season, warnings for the administrator, and the
// cache rebuild started when Redis caching was switched on.
type Updated struct {
	Season   View            `json:"season"`
	Warnings []string        `json:"warnings"`
	Rebuild  *RebuildStarted `json:"rebuild,omitempty"`
}

// Create makes a season. On PostgreSQL its memory-state partition is created in the same
// transaction (rows of the season already in the default partition move into it), so a
// season that exists always has its partition.
func (s *Service) Create(ctx context.Context, by Actor, in Input) (View, error) {
	se := store.Season{ID: in.ID, EnableRedis: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
		GradeMapping: "binary", ExamTarget: srs.DefaultExamTarget, CreatedAt: s.Clock.Now()}
	if in.StartDate == nil || in.EndDate == nil {
		return View{}, problem.InvalidMsg("start_date and end_date are required (YYYY-MM-DD).")
	}
	apply(&se, in)
	if err := validate(se); err != nil {
		return View{}, err
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.SeasonInsert(ctx, se); err != nil {
			return err
		}
		if se.IsActive {
			if err := tx.SeasonActivate(ctx, se.ID); err != nil {
				return err
			}
		}
		partitioned, err := tx.SeasonPartitionEnsure(ctx, se.ID)
		if err != nil || !partitioned {
			return err
		}
		se.PartitionCreated = true
		return tx.SeasonSetPartitionCreated(ctx, se.ID, true)
	})
	if errors.Is(err, store.ErrConflict) {
		return View{}, problem.Newf(problem.Conflict, "Season {season} already exists.", "season", se.ID)
	}
	if err != nil {
		return View{}, fmt.Errorf("create season: %w", err)
	}
	s.record(ctx, by.entry(audit.SeasonCreated, se.ID, viewOf(se)))
	s.changed()
	return viewOf(se), nil
}

// Update changes a season's fields. Switching Redis caching on starts a full cache
// rebuild; enabling auto-archive on the active season is allowed with a warning (§4.7).
func (s *Service) Update(ctx context.Context, by Actor, in Input) (Updated, error) {
	old, err := s.get(ctx, in.ID)
	if err != nil {
		return Updated{}, err
	}
	se := old
	apply(&se, in)
	if err := validate(se); err != nil {
		return Updated{}, err
	}
	if se.IsActive && !old.IsActive && old.ArchivedAt != nil {
		return Updated{}, archivedConflict(se.ID)
	}
	out := Updated{Warnings: []string{}}
	if se.AutoArchive && !old.AutoArchive && se.IsActive {
		out.Warnings = append(out.Warnings, "Auto-archive is on for the active season: it is archived only once it is "+
			"no longer active and its end date has passed.")
	}
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.SeasonUpsert(ctx, se); err != nil {
			return err
		}
		if se.IsActive && !old.IsActive {
			return tx.SeasonActivate(ctx, se.ID)
		}
		return nil
	})
	if err != nil {
		return Updated{}, fmt.Errorf("update season: %w", err)
	}
	s.record(ctx, by.entry(audit.SeasonUpdated, se.ID, viewOf(se)))
	if se.EnableRedis && !old.EnableRedis && s.Cache != nil {
		started, err := s.StartRebuild(ctx, by, se.ID)
		if err != nil {
			out.Warnings = append(out.Warnings, "The cache rebuild could not be started: "+problemText(err))
		} else {
			out.Rebuild = &started
		}
	}
	out.Season = viewOf(se)
	s.changed()
	return out, nil
}

// Activate makes the season the only active one.
func (s *Service) Activate(ctx context.Context, by Actor, id string) (View, error) {
	se, err := s.get(ctx, id)
	if err != nil {
		return View{}, err
	}
	if se.ArchivedAt != nil {
		return View{}, archivedConflict(id)
	}
	if err := s.Store.SeasonActivate(ctx, id); err != nil {
		return View{}, fmt.Errorf("activate season: %w", err)
	}
	se.IsActive = true
	s.record(ctx, by.entry(audit.SeasonActivated, id, nil))
	s.changed()
	return viewOf(se), nil
}

// End deactivates the season and, when its end date is still ahead, ends it today.
func (s *Service) End(ctx context.Context, by Actor, id string) (View, error) {
	se, err := s.get(ctx, id)
	if err != nil {
		return View{}, err
	}
	today := s.today()
	se.IsActive = false
	if se.EndDate.After(today) {
		se.EndDate = today
		if se.EndDate.Before(se.StartDate) {
			se.EndDate = se.StartDate
		}
	}
	if err := s.Store.SeasonUpsert(ctx, se); err != nil {
		return View{}, fmt.Errorf("end season: %w", err)
	}
	s.record(ctx, by.entry(audit.SeasonEnded, id, map[string]string{"end_date": se.EndDate.Format(time.DateOnly)}))
	s.changed()
	return viewOf(se), nil
}

// List returns every season, newest first.
func (s *Service) List(ctx context.Context) ([]View, error) {
	list, err := s.Store.SeasonList(ctx)
	if err != nil {
		return nil, fmt.Errorf("list seasons: %w", err)
	}
	out := make([]View, len(list))
	for i, se := range list {
		out[i] = viewOf(se)
	}
	return out, nil
}

func archivedConflict(id string) error {
	return problem.Newf(problem.Conflict, "Season {season} is archived and cannot be activated.", "season", id)
}

// problemText is the user-facing text of err (internal errors say nothing more).
func problemText(err error) string {
	if p, ok := problem.As(err); ok {
		return p.Message
	}
	return "internal error"
}
