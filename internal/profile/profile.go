package profile

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/identity"
	"memora/internal/store"
)

// Summary is get_player_profile's answer.
type Summary struct {
	XP            int64   `json:"xp"`
	Gems          int     `json:"gems"`
	CurrentGrade  *string `json:"current_grade"`
	CurrentStream *string `json:"current_stream"`
}

// Summary returns the caller's XP, gems, grade and stream; zeros and nulls without a profile.
func (s *Service) Summary(ctx context.Context, userID int64) (Summary, error) {
	p, err := s.Store.ProfileGet(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return Summary{}, nil
	}
	if err != nil {
		return Summary{}, fmt.Errorf("player profile: %w", err)
	}
	return Summary{XP: p.TotalXP, Gems: p.Gems, CurrentGrade: p.GradeID, CurrentStream: p.StreamID}, nil
}

// LoginInfo is get_player_login_info's answer.
type LoginInfo struct {
	IsLoggedIn    bool     `json:"is_logged_in"`
	Email         string   `json:"email,omitempty"`
	FullName      string   `json:"full_name,omitempty"`
	TotalXP       int64    `json:"total_xp"`
	CurrentGrade  *string  `json:"current_grade"`
	CurrentStream *string  `json:"current_stream"`
	Season        *string  `json:"season"`
	Roles         []string `json:"roles,omitempty"`
}

// LoginInfo describes the caller; guests get only is_logged_in false.
func (s *Service) LoginInfo(ctx context.Context, p *identity.Principal) (LoginInfo, error) {
	if p == nil {
		return LoginInfo{}, nil
	}
	info := LoginInfo{IsLoggedIn: true, Email: p.Email, FullName: p.FullName, Roles: p.Roles}
	prof, err := s.Store.ProfileGet(ctx, p.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return info, nil
	}
	if err != nil {
		return LoginInfo{}, fmt.Errorf("login info: %w", err)
	}
	info.TotalXP, info.CurrentGrade, info.CurrentStream, info.Season = prof.TotalXP, prof.GradeID, prof.StreamID, prof.SeasonID
	return info, nil
}
