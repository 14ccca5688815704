package progress

import (
	"context"
	"fmt"

	"memora/internal/identity"
	"memora/internal/store"
)

// Mastery buckets memory items by level (§3.6): new = 1, learning = 2, mature = 3 and 4.
type Mastery struct {
	New      int64 `json:"new"`
	Learning int64 `json:"learning"`
	Mature   int64 `json:"mature"`
}

// Stats is get_full_profile_stats' answer.
type Stats struct {
	FullName          string        `json:"fullName"`
	AvatarURL         string        `json:"avatarUrl"`
	Level             int           `json:"level"`
	LevelTitle        string        `json:"levelTitle"`
	LevelTitleEN      string        `json:"levelTitleEn"`
	NextLevelProgress int           `json:"nextLevelProgress"`
	XPInLevel         int64         `json:"xpInLevel"`
	XPToNextLevel     int64         `json:"xpToNextLevel"`
	Streak            int           `json:"streak"`
	Gems              int           `json:"gems"`
	TotalXP           int64         `json:"totalXP"`
	TotalLearned      int64         `json:"totalLearned"`
	WeeklyActivity    []DayActivity `json:"weeklyActivity"`
	Mastery           Mastery       `json:"mastery"`
}

// FullStats answers get_full_profile_stats: XP, level and mastery of the whole profile or
// of one subject; streak and weekly activity are always the player's overall ones. Memory
// items are those of the profile's season; retired ones are not counted. The season comes
// from the profile read (cached when Profiles is set); everything else, the profile's XP
// included, is read in one round trip where the engine allows (a streak longer than a page
// of active days reads on).
func (s *Service) FullStats(ctx context.Context, who identity.Principal, subjectID string) (Stats, error) {
	subject, err := s.subjectParam(ctx, subjectID)
	if err != nil {
		return Stats{}, err
	}
	prof, hasProfile, err := s.profile(ctx, who.UserID)
	if err != nil {
		return Stats{}, err
	}
	day := who.Today(s.Clock.Now())
	q := store.ProgressStatsReads{UserID: who.UserID, ActivityBefore: activityBefore(day), ActivityLimit: activityPage,
		From: day.AddDate(0, 0, -6), To: day, SubjectID: subject}
	if hasProfile && prof.SeasonID != nil {
		q.SeasonID = *prof.SeasonID
	}
	read, err := s.Store.ProgressStatsRead(ctx, q)
	if err != nil {
		return Stats{}, fmt.Errorf("profile stats: %w", err)
	}
	if read.Activity == nil {
		read.Activity = []store.ActivityDay{} // read: an empty page is not "read it"
	}
	act, err := activityFrom(ctx, s.Store, who.UserID, day, read.Activity)
	if err != nil {
		return Stats{}, fmt.Errorf("profile stats: %w", err)
	}
	xp := read.TotalXP
	if subject != nil {
		xp = read.SubjectXP
	}
	return buildStats(who, xp, act.Streak, Week(day, read.XP), read.Mastery), nil
}

func buildStats(who identity.Principal, xp int64, streak int, week []DayActivity, counts []store.MasteryCount) Stats {
	band := BandOf(xp)
	title := TitleOf(band.Level)
	st := Stats{FullName: who.FullName, AvatarURL: who.AvatarURL, Level: band.Level, LevelTitle: title.AR,
		LevelTitleEN: title.EN, NextLevelProgress: band.Progress, XPInLevel: band.XPInLevel,
		XPToNextLevel: band.XPToNext, Streak: streak, TotalXP: xp, WeeklyActivity: week}
	if st.FullName == "" {
		st.FullName = who.Email
	}
	for _, c := range counts {
		st.TotalLearned += c.Count
		switch c.Level {
		case 1:
			st.Mastery.New += c.Count
		case 2:
			st.Mastery.Learning += c.Count
		case 3, 4:
			st.Mastery.Mature += c.Count
		}
	}
	return st
}
