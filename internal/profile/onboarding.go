// Package profile holds the player profile: onboarding (grade, stream, season; §3.16) and
// the profile reads clients show in their header.
package profile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"memora/internal/clock"
	"memora/internal/problem"
	"memora/internal/store"
)

// Service reads and writes player profiles.
type Service struct {
	Store store.Store
	Clock clock.Clock
	// Changed, when set, hears that a player's academic profile changed (to drop caches).
	Changed func(userID int64)
}

// GradeOption is a grade with the streams and seasons a student may pick with it.
type GradeOption struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	NameEN         string   `json:"name_en"`
	AllowedStreams []string `json:"allowed_streams"`
	AllowedSeasons []string `json:"allowed_seasons"`
}

// StreamOption is a stream as onboarding lists it.
type StreamOption struct {
	Name         string `json:"name"`
	StreamName   string `json:"stream_name"`
	StreamNameEN string `json:"stream_name_en"`
}

// SeasonOption is a season as onboarding lists it.
type SeasonOption struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	TitleEN  string `json:"title_en"`
	IsActive bool   `json:"is_active"`
}

// Masters is what onboarding offers.
type Masters struct {
	Grades  []GradeOption  `json:"grades"`
	Streams []StreamOption `json:"streams"`
	Seasons []SeasonOption `json:"seasons"`
}

// AcademicMasters lists grades (with allowed streams and the seasons that have a plan for
// them in the caller's institution), streams in creation order and seasons newest first.
func (s *Service) AcademicMasters(ctx context.Context, institutionID string) (Masters, error) {
	grades, err := s.Store.GradeList(ctx)
	if err != nil {
		return Masters{}, fmt.Errorf("academic masters: %w", err)
	}
	streams, err := s.Store.StreamList(ctx)
	if err != nil {
		return Masters{}, fmt.Errorf("academic masters: %w", err)
	}
	seasons, err := s.Store.SeasonList(ctx)
	if err != nil {
		return Masters{}, fmt.Errorf("academic masters: %w", err)
	}
	pairs, err := s.Store.PlanGradeSeasons(ctx, institutionID)
	if err != nil {
		return Masters{}, fmt.Errorf("academic masters: %w", err)
	}
	m := Masters{Grades: make([]GradeOption, len(grades)), Streams: make([]StreamOption, len(streams)),
		Seasons: make([]SeasonOption, len(seasons))}
	for i, g := range grades {
		m.Grades[i] = GradeOption{ID: g.ID, Name: g.Title, NameEN: g.TitleEN,
			AllowedStreams: nonNil(g.ValidStreams), AllowedSeasons: seasonsOf(g.ID, pairs)}
	}
	for i, st := range streams {
		m.Streams[i] = StreamOption{Name: st.ID, StreamName: st.Title, StreamNameEN: st.TitleEN}
	}
	for i, se := range seasons {
		m.Seasons[i] = SeasonOption{Name: se.ID, Title: se.Title, TitleEN: se.TitleEN, IsActive: se.IsActive}
	}
	return m, nil
}

func seasonsOf(grade string, pairs []store.GradeSeason) []string {
	out := []string{}
	for _, p := range pairs {
		if p.GradeID == grade && !slices.Contains(out, p.SeasonID) {
			out = append(out, p.SeasonID)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// AcademicChoice is what a student picks at onboarding.
type AcademicChoice struct {
	Grade  string
	Stream string
	Season string
}

// SetAcademicProfile validates the choice and creates or updates the caller's one profile.
// XP and hearts of an existing profile are left alone.
func (s *Service) SetAcademicProfile(ctx context.Context, userID int64, c AcademicChoice) error {
	grade, err := s.Store.GradeGet(ctx, strings.TrimSpace(c.Grade))
	if errors.Is(err, store.ErrNotFound) || c.Grade == "" {
		return problem.InvalidMsg("Invalid Grade Selected")
	}
	if err != nil {
		return fmt.Errorf("set academic profile: %w", err)
	}
	stream, err := validStream(grade, strings.TrimSpace(c.Stream))
	if err != nil {
		return err
	}
	season, err := s.season(ctx, strings.TrimSpace(c.Season))
	if err != nil {
		return err
	}
	err = s.Store.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{
		UserID: userID, GradeID: grade.ID, StreamID: stream, SeasonID: &season, Now: s.Clock.Now(),
	})
	if err != nil {
		return fmt.Errorf("set academic profile: %w", err)
	}
	if s.Changed != nil {
		s.Changed(userID)
	}
	return nil
}

func validStream(g store.Grade, stream string) (*string, error) {
	if stream == "" {
		if len(g.ValidStreams) > 0 {
			return nil, problem.Invalidf("Please select a stream for Grade '{grade}'", "grade", g.ID)
		}
		return nil, nil
	}
	if !slices.Contains(g.ValidStreams, stream) {
		return nil, problem.Invalidf("Stream '{stream}' is not valid for Grade '{grade}'", "stream", stream, "grade", g.ID)
	}
	return &stream, nil
}

// season validates the chosen season, or picks the active one when none is given.
func (s *Service) season(ctx context.Context, id string) (string, error) {
	if id != "" {
		_, err := s.Store.SeasonGet(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return "", problem.InvalidMsg("Invalid Season Selected")
		}
		if err != nil {
			return "", fmt.Errorf("set academic profile: %w", err)
		}
		return id, nil
	}
	seasons, err := s.Store.SeasonList(ctx)
	if err != nil {
		return "", fmt.Errorf("set academic profile: %w", err)
	}
	for _, se := range seasons {
		if se.IsActive {
			return se.ID, nil
		}
	}
	return "", problem.InvalidMsg("No active season: please select a season")
}
