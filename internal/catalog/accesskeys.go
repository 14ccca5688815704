package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// AccessKeys is get_user_access_keys: what the caller's subscriptions open today, and the
// version of their plan (clients refetch cached plan content when it changes).
type AccessKeys struct {
	Subjects    []string `json:"subjects"`
	Tracks      []string `json:"tracks"`
	IsGlobal    int      `json:"is_global"`
	PlanVersion int64    `json:"plan_version"`
}

// AccessKeys answers for the caller; a guest (nil) gets nothing and plan_version 1. The
// subscription part is served from the access cache; the plan version is read each time.
func (s *Service) AccessKeys(ctx context.Context, who *identity.Principal) (AccessKeys, error) {
	keys := AccessKeys{Subjects: []string{}, Tracks: []string{}, PlanVersion: 1}
	if who == nil {
		return keys, nil
	}
	a, err := s.access(ctx, who.UserID, s.Today(*who))
	if err != nil {
		return AccessKeys{}, fmt.Errorf("access keys: %w", err)
	}
	if a.Global {
		keys.IsGlobal = 1
	} else {
		keys.Subjects, keys.Tracks = a.SubjectIDs(), a.TrackIDs()
	}
	l, err := s.learner(ctx, *who)
	if err != nil {
		return AccessKeys{}, err
	}
	if l.hasPlan {
		keys.PlanVersion = planVersion(l.plan)
	}
	return keys, nil
}

// PlanVersion is get_plan_version's answer.
type PlanVersion struct {
	Version int64 `json:"version"`
}

// PlanVersion returns the version (last change, Unix seconds; 1 when there is no such
// plan) of the plan of a grade, stream and season, as a caller of institutionID sees it
// (an institution's own plan wins over a shared one; guests see shared plans).
func (s *Service) PlanVersion(ctx context.Context, institutionID, grade, season, stream string) (PlanVersion, error) {
	grade, season, stream = strings.TrimSpace(grade), strings.TrimSpace(season), strings.TrimSpace(stream)
	if grade == "" || season == "" {
		return PlanVersion{}, problem.InvalidMsg("Missing grade or season")
	}
	if !ValidID(grade) || !ValidID(season) || (stream != "" && !ValidID(stream)) {
		return PlanVersion{Version: 1}, nil
	}
	p := store.PlanFindParams{InstitutionID: institutionID, GradeID: grade, SeasonID: season}
	if stream != "" {
		p.StreamID = &stream
	}
	plan, err := s.Store.PlanFind(ctx, p)
	if errors.Is(err, store.ErrNotFound) {
		return PlanVersion{Version: 1}, nil
	}
	if err != nil {
		return PlanVersion{}, fmt.Errorf("plan version: %w", err)
	}
	return PlanVersion{Version: planVersion(plan)}, nil
}

func planVersion(p store.Plan) int64 {
	if v := p.UpdatedAt.Unix(); v > 1 {
		return v
	}
	return 1
}
