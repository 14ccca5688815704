package jobs

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSchedules(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return v
	}
	d := dailyAt{1, 30}
	require.Equal(t, at("2026-11-25T01:30:00Z"), d.Next(at("2026-11-25T01:00:00Z")))
	require.Equal(t, at("2026-11-26T01:30:00Z"), d.Next(at("2026-11-25T01:30:00Z")), "strictly after")
	require.Equal(t, at("2026-11-26T01:30:00Z"), d.Next(at("2026-11-25T05:30:00+03:00")), "in UTC")
	w := weeklyAt{time.Sunday, 2, 0}
	require.Equal(t, at("2026-11-29T02:00:00Z"), w.Next(at("2026-11-25T07:00:00Z")), "a Wednesday")
	require.Equal(t, at("2026-12-06T02:00:00Z"), w.Next(at("2026-11-29T02:00:00Z")))
	require.Equal(t, at("2026-11-28T03:00:00Z"), weeklyAt{time.Saturday, 3, 0}.Next(at("2026-11-25T07:00:00Z")), "the parameter fit")
	require.Len(t, periodicJobs(), 6)
}
