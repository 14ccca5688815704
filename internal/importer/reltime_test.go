package importer

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRelativeTimesAreResolvedAgainstTheGivenNow(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 3, 1, 9, 30, 15, 500, time.UTC)
	cases := map[string]time.Duration{
		"now":            0,
		"now-2d":         -48 * time.Hour,
		"now+3h":         3 * time.Hour,
		"now-1d2h30m":    -(26*time.Hour + 30*time.Minute),
		"now-1w":         -7 * 24 * time.Hour,
		"now+45s":        45 * time.Second,
		"now-0d":         0,
		"now-2w3d4h5m6s": -(17*24*time.Hour + 4*time.Hour + 5*time.Minute + 6*time.Second),
	}
	for in, d := range cases {
		got, err := ParseTime(in, now)
		require.NoError(t, err, in)
		require.Equal(t, now.Add(d).Truncate(time.Second), got, in)
	}
	abs, err := ParseTime("2026-11-24T17:30:00+03:00", now)
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 11, 24, 14, 30, 0, 0, time.UTC), abs.UTC(), "RFC 3339 times are not moved")
}

func TestMalformedRelativeTimesAreRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"now-":                      "nothing after the sign",
		"now2d":                     `want + or - after "now"`,
		"now-2":                     "want numbers each followed by a unit",
		"now-d":                     "want numbers each followed by a unit",
		"now-2x":                    `unit 'x' is unknown or out of order`,
		"now-1h2d":                  `unit 'd' is unknown or out of order`,
		"now-1d1d":                  `unit 'd' is unknown or out of order`,
		"now-2d ":                   "want numbers each followed by a unit",
		"now-40000w":                "more than 100 years from now",
		"now-99999999999999999999d": "more than 100 years from now",
		"yesterday":                 "not an RFC 3339 time, nor a relative time",
	}
	for in, want := range cases {
		_, err := ParseTime(in, time.Now())
		require.ErrorContains(t, err, want, in)
	}
}

func TestPlayerTimestampsMayBeRelative(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	p := &f.Players[0]
	p.Sessions[0].PlayedAt = "now-2d"
	p.Memory[0].LastReview, p.Memory[0].Due = "now-2d", "now+1d"
	p.Memory[1].LastReview, p.Memory[1].Due = "now-2d", "now-3h"
	require.NoError(t, f.Validate())

	p.Memory[1].Due = "now-3d"
	p.Sessions[0].PlayedAt = "now-2days"
	require.Equal(t, []string{
		`players[0] "pupil@tiny.memora.test": sessions[0] "tiny-1": played_at "now-2days": relative time: want numbers each followed by a unit (w, d, h, m or s)`,
		`players[0] "pupil@tiny.memora.test": memory[1] "science-planets-1-s3": due now-3d is before last_review now-2d`,
	}, problems(t, f.Validate()))
}

func TestResolveTimesWritesRFC3339AndLeavesTheFileAlone(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)
	f := minimal(t)
	f.Players[0].Sessions[0].PlayedAt = "now-1d2h"
	f.Players[0].Memory[0].Due = "now+3h"
	f.Players[0].Memory[1].Due = "now-2x" // malformed: kept for Validate to report
	absolute := f.Players[0].Memory[0].LastReview

	r := f.ResolveTimes(now)
	require.Equal(t, "2027-02-28T07:30:00Z", r.Players[0].Sessions[0].PlayedAt)
	require.Equal(t, "2027-03-01T12:30:00Z", r.Players[0].Memory[0].Due)
	require.Equal(t, absolute, r.Players[0].Memory[0].LastReview)
	require.Equal(t, "now-2x", r.Players[0].Memory[1].Due)

	require.Equal(t, "now-1d2h", f.Players[0].Sessions[0].PlayedAt, "the original file is unchanged")
	require.Equal(t, "now+3h", f.Players[0].Memory[0].Due)
}
