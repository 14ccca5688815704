package catalog

// Lock statuses of lessons, topics and units (original §2.3, §3.9).
const (
	StatusCompleted         = "completed"
	StatusAvailable         = "available"
	StatusLocked            = "locked"
	StatusLockedProgression = "locked_progression"
	StatusLockedPremium     = "locked_premium"
)

// Gate is what decides whether the lessons of one topic (or of a lesson-based unit) open.
type Gate struct {
	Paid      bool // the caller has financial access (free content, free preview, subscription)
	Reachable bool // the topic itself is not locked by the unit's topic order
	Linear    bool // lessons open one after the other
}

// LessonStatuses walks a topic's lessons in order. A completed lesson is completed whatever
// else holds (completion wins over the paywall); then no financial access is
// locked_premium; then an unreachable topic locks everything; then, in a linear topic,
// only the first uncompleted lesson is available and every lesson after it is locked.
func LessonStatuses(completed []bool, g Gate) []string {
	out := make([]string, len(completed))
	opened := false
	for i, done := range completed {
		switch {
		case done:
			out[i] = StatusCompleted
		case !g.Paid:
			out[i] = StatusLockedPremium
		case !g.Reachable, g.Linear && opened:
			out[i] = StatusLocked
		default:
			out[i] = StatusAvailable
			opened = true
		}
	}
	return out
}

// Progress is how much of a container (topic or unit) a player has completed, and whether
// the player may pay-wise open it.
type Progress struct {
	Total     int // published lessons
	Completed int // of those, completed
	Paid      bool
}

// Done reports a container whose every lesson is completed; an empty one never is.
func (p Progress) Done() bool { return p.Total > 0 && p.Completed >= p.Total }

// Percent is the integer percentage completed (0 for an empty container).
func (p Progress) Percent() int {
	if p.Total == 0 {
		return 0
	}
	return min(100, p.Completed*100/p.Total)
}

// TopicStatuses walks the topics of a topic-based unit in order: completed when every
// lesson is; else locked_premium without financial access; else, when the unit's topics
// are linear, locked until the previous topic is completed; else available.
func TopicStatuses(topics []Progress, linear bool) []string {
	return chainStatuses(topics, linear, StatusLocked)
}

// UnitStatuses walks the units of a track (get_track_details) the same way, with
// locked_progression for a unit whose predecessor is not completed on a linear track.
func UnitStatuses(units []Progress, linear bool) []string {
	return chainStatuses(units, linear, StatusLockedProgression)
}

func chainStatuses(items []Progress, linear bool, lockedBy string) []string {
	out := make([]string, len(items))
	for i, p := range items {
		switch {
		case p.Done():
			out[i] = StatusCompleted
		case !p.Paid:
			out[i] = StatusLockedPremium
		case linear && i > 0 && !items[i-1].Done():
			out[i] = lockedBy
		default:
			out[i] = StatusAvailable
		}
	}
	return out
}

// Opens reports whether a lesson of this status may be played.
func Opens(status string) bool {
	return status == StatusCompleted || status == StatusAvailable
}
