package catalog

import (
	"slices"

	"memora/internal/store"
)

// Access is what a player's active subscriptions open on one day.
type Access struct {
	Global   bool
	Subjects map[string]bool
	Tracks   map[string]bool
}

// AccessFromGrants folds the grants of the active subscriptions.
func AccessFromGrants(grants []store.AccessGrant) Access {
	a := Access{Subjects: map[string]bool{}, Tracks: map[string]bool{}}
	for _, g := range grants {
		switch {
		case g.Type == store.AccessGlobal:
			a.Global = true
		case g.Type == store.AccessSubject && g.SubjectID != nil:
			a.Subjects[*g.SubjectID] = true
		case g.Type == store.AccessTrack && g.TrackID != nil:
			a.Tracks[*g.TrackID] = true
		}
	}
	return a
}

// Covers reports whether a subscription opens a track of a subject: a global one always, a
// track grant its track, and a subject grant every track of the subject except those sold
// separately (they need their own track grant).
func (a Access) Covers(subjectID string, track store.Track) bool {
	return a.Global || a.Tracks[track.ID] || (a.Subjects[subjectID] && !track.IsSoldSeparately)
}

// SubjectIDs and TrackIDs list the grants, sorted.
func (a Access) SubjectIDs() []string { return sortedKeys(a.Subjects) }

// TrackIDs lists the track grants, sorted.
func (a Access) TrackIDs() []string { return sortedKeys(a.Tracks) }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// FreeContent reports content open without paying: the subject is the master lock, so a
// track is free only when neither it nor its subject is paid (original §2.3).
func FreeContent(subject store.Subject, track store.Track) bool {
	return !subject.IsPaid && !track.IsPaid
}

// PaidAccess is the financial access to a unit (and, for topic-based units, one of its
// topics; topicFree is false otherwise): free-preview unit or topic, free content, or a
// subscription that covers the track.
func PaidAccess(a Access, subject store.Subject, track store.Track, unit store.Unit, topicFree bool) bool {
	return unit.IsFreePreview || topicFree || FreeContent(subject, track) || a.Covers(subject.ID, track)
}
