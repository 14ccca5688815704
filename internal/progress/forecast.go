package progress

import (
	"context"
	"errors"
	"fmt"
	"time"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/store"
)

// ForecastDays is the profile page's review forecast: today and the 13 days after it.
const ForecastDays = 14

// maxForecastDays bounds a forecast's length.
const maxForecastDays = 60

// ForecastDay is how many reviews fall due on one local day of the institution.
type ForecastDay struct {
	Day   time.Time `json:"-"`    // the date, as midnight UTC (clock.Day)
	Date  string    `json:"date"` // the same date, YYYY-MM-DD
	Count int64     `json:"count"`
}

// ReviewForecast counts the caller's live memory items of the profile's season by the local
// day (in the institution's time zone) they fall due, for days days from today (ForecastDays
// when days is not positive; at most 60). What is overdue counts today. Every day is listed,
// with 0 when nothing falls due; a player without a profile or season gets only zeros.
func (s *Service) ReviewForecast(ctx context.Context, who identity.Principal, days int) ([]ForecastDay, error) {
	if days <= 0 {
		days = ForecastDays
	}
	days = min(days, maxForecastDays)
	loc := who.Zone()
	now := s.Clock.Now()
	today := clock.Day(now, loc)
	out := make([]ForecastDay, days)
	for i := range out {
		d := today.AddDate(0, 0, i)
		out[i] = ForecastDay{Day: d, Date: d.Format(time.DateOnly)}
	}
	prof, err := s.Store.ProfileGet(ctx, who.UserID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && prof.SeasonID == nil) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("review forecast: %w", err)
	}
	counts, err := s.Store.MemoryDueQuarterHours(ctx, store.DueCountParams{UserID: who.UserID, SeasonID: *prof.SeasonID,
		From: localMidnight(today, loc), Until: localMidnight(today.AddDate(0, 0, days), loc)})
	if err != nil {
		return nil, fmt.Errorf("review forecast: %w", err)
	}
	// A quarter hour never straddles a local midnight: every zone's offset is a whole
	// number of quarter hours.
	for _, c := range counts {
		i := int(clock.Day(c.At, loc).Sub(today) / (24 * time.Hour))
		if i >= 0 && i < days {
			out[i].Count += c.Count
		}
	}
	return out, nil
}

// localMidnight is the instant a date (midnight UTC, as clock.Day gives) begins in loc.
func localMidnight(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}
