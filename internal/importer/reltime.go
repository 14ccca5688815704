package importer

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Relative times: a player timestamp may be written as "now", or "now" followed by a sign and one or more
// <number><unit> groups in the order w, d, h, m, s ("now-2d", "now+3h", "now-1d2h30m"). A day is 24 hours,
// a week 7 days. They are resolved against the loader's clock (ResolveTimes, which Apply calls), so
// fixtures and demo histories never go stale.

// relativeNow is the word a relative time starts with.
const relativeNow = "now"

// maxRelative bounds a relative time, far inside time.Duration's range.
const maxRelative = 100 * 365 * 24 * time.Hour

type relativeUnit struct {
	unit byte
	d    time.Duration
}

var relativeUnits = []relativeUnit{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}, {'h', time.Hour}, {'m', time.Minute}, {'s', time.Second}}

// IsRelativeTime reports whether s is written as a relative time (it starts with "now"); it may still be
// malformed.
func IsRelativeTime(s string) bool { return strings.HasPrefix(s, relativeNow) }

// ParseTime reads a timestamp of an import file: RFC 3339 with an offset, or a relative time resolved
// against now (to the second).
func ParseTime(s string, now time.Time) (time.Time, error) {
	t, err := parseTime(s, now)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: %w", s, err)
	}
	return t, nil
}

func parseTime(s string, now time.Time) (time.Time, error) {
	if !IsRelativeTime(s) {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return time.Time{}, errors.New(`not an RFC 3339 time, nor a relative time such as "now-2d"`)
		}
		return t, nil
	}
	d, err := relativeOffset(strings.TrimPrefix(s, relativeNow))
	if err != nil {
		return time.Time{}, fmt.Errorf("relative time: %w", err)
	}
	return now.Add(d).Truncate(time.Second), nil
}

// relativeOffset is the signed offset that what follows "now" names ("", "-2d", "+1d2h30m").
func relativeOffset(rest string) (time.Duration, error) {
	if rest == "" {
		return 0, nil
	}
	sign := time.Duration(1)
	switch rest[0] {
	case '+':
	case '-':
		sign = -1
	default:
		return 0, errors.New(`want + or - after "now"`)
	}
	rest = rest[1:]
	if rest == "" {
		return 0, errors.New("nothing after the sign")
	}
	var total time.Duration
	next := 0 // index in relativeUnits the next group may use: units go from weeks down to seconds
	for rest != "" {
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
		if digits == 0 || digits == len(rest) {
			return 0, errors.New("want numbers each followed by a unit (w, d, h, m or s)")
		}
		n, err := strconv.ParseInt(rest[:digits], 10, 64)
		if err != nil || n > int64(maxRelative/time.Second) {
			return 0, errors.New("more than 100 years from now")
		}
		u := slices.IndexFunc(relativeUnits[next:], func(ru relativeUnit) bool { return ru.unit == rest[digits] })
		if u < 0 {
			return 0, fmt.Errorf("unit %q is unknown or out of order (w, d, h, m, s, each at most once, in this order)", rest[digits])
		}
		total += time.Duration(n) * relativeUnits[next+u].d
		if total > maxRelative {
			return 0, errors.New("more than 100 years from now")
		}
		next += u + 1
		rest = rest[digits+1:]
	}
	return sign * total, nil
}

// ResolveTimes returns a copy of f whose relative player timestamps (sessions' played_at, memory's due and
// last_review) are replaced by RFC 3339 times resolved against now. f is not changed. Malformed values are
// copied as they are, for Validate to report.
func (f *File) ResolveTimes(now time.Time) *File {
	out := *f
	out.Players = slices.Clone(f.Players)
	for i := range out.Players {
		p := &out.Players[i]
		p.Sessions = slices.Clone(p.Sessions)
		for j := range p.Sessions {
			resolve(&p.Sessions[j].PlayedAt, now)
		}
		p.Memory = slices.Clone(p.Memory)
		for j := range p.Memory {
			resolve(&p.Memory[j].Due, now)
			resolve(&p.Memory[j].LastReview, now)
		}
	}
	return &out
}

func resolve(ts *string, now time.Time) {
	if !IsRelativeTime(*ts) {
		return
	}
	if t, err := ParseTime(*ts, now); err == nil {
		*ts = t.Format(time.RFC3339)
	}
}
