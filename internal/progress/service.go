package progress

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/clock"
	"memora/internal/problem"
	"memora/internal/store"
)

// Service answers profile stats and daily quests (reads only: quest rewards are credited by
// the sessions that complete the quests, see SettleQuests).
type Service struct {
	Store store.Store
	Clock clock.Clock
	// Profiles, when set, answers the profile reads whose academic fields alone are used
	// (the season), e.g. the read cache other student requests fill; nil: Store.
	Profiles ProfileReader
	// Due, when set, lists the due items daily quests count from the cached review schedule
	// instead of reading every live item of the player (ProgressDueBySubject); nil, or when it
	// cannot answer: the database counts.
	Due DueSchedule
	// Seasons, when set, reads the season whose schedule Due lists (a read cache); nil: Store.
	Seasons SeasonReader

	stages stageSubjects // the stages' subjects, for Due's ids
}

// ProfileReader reads a player's profile.
type ProfileReader interface {
	ProfileGet(ctx context.Context, userID int64) (store.PlayerProfile, error)
}

// subjectParam validates an optional subject id: "" is none, an unknown one is a 404.
func (s *Service) subjectParam(ctx context.Context, id string) (*string, error) {
	if id == "" {
		return nil, nil
	}
	if _, err := s.Store.SubjectGet(ctx, id); errors.Is(err, store.ErrNotFound) {
		return nil, problem.NotFoundMsg("Subject not found")
	} else if err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	return &id, nil
}

// profile returns the caller's profile, or ok false when there is none yet. Only its
// academic fields may be relied on: it may come from Profiles' cache.
func (s *Service) profile(ctx context.Context, userID int64) (p store.PlayerProfile, ok bool, err error) {
	var profiles ProfileReader = s.Store
	if s.Profiles != nil {
		profiles = s.Profiles
	}
	p, err = profiles.ProfileGet(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return store.PlayerProfile{}, false, nil
	}
	if err != nil {
		return store.PlayerProfile{}, false, fmt.Errorf("profile: %w", err)
	}
	return p, true, nil
}
