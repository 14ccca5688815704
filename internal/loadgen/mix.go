package loadgen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Action is one thing a virtual student does; some take two requests (a lesson is its details
// then its submission).
type Action string

// The actions of a student session.
const (
	ActReview      Action = "review"      // get_review_session
	ActSubmit      Action = "submit"      // submit_review_session (of the cards last fetched)
	ActMap         Action = "map"         // get_map_data
	ActProfile     Action = "profile"     // get_full_profile_stats
	ActQuests      Action = "quests"      // get_daily_quests
	ActLeaderboard Action = "leaderboard" // get_leaderboard
	ActLesson      Action = "lesson"      // get_lesson_details + submit_session
)

// Actions lists every action in report order.
var Actions = []Action{ActReview, ActSubmit, ActMap, ActProfile, ActQuests, ActLeaderboard, ActLesson}

// DefaultMix is a student-like blend: mostly reviews, some lesson play and browsing.
const DefaultMix = "review=40,submit=20,map=10,profile=10,quests=5,leaderboard=5,lesson=10"

// Mix is a weighted choice of actions.
type Mix struct {
	actions []Action
	cumul   []int // running total of weights, same order as actions
}

// ParseMix reads "action=weight,…". Weights are non-negative integers; actions left out or
// weighted 0 are never chosen, so a run can skip endpoints that do not exist yet.
func ParseMix(s string) (Mix, error) {
	var m Mix
	total := 0
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, weight, ok := strings.Cut(part, "=")
		a := Action(strings.TrimSpace(name))
		if !ok || !slices.Contains(Actions, a) {
			return Mix{}, fmt.Errorf("mix: %q is not action=weight with an action among %v", part, Actions)
		}
		w, err := strconv.Atoi(strings.TrimSpace(weight))
		if err != nil || w < 0 {
			return Mix{}, fmt.Errorf("mix: weight of %s must be a non-negative integer", a)
		}
		if slices.Contains(m.actions, a) {
			return Mix{}, fmt.Errorf("mix: %s is listed twice", a)
		}
		if w == 0 {
			continue
		}
		total += w
		m.actions = append(m.actions, a)
		m.cumul = append(m.cumul, total)
	}
	if total == 0 {
		return Mix{}, fmt.Errorf("mix: %q weights nothing", s)
	}
	return m, nil
}

// Pick chooses an action with probability proportional to its weight.
func (m Mix) Pick(rng *rand.Rand) Action {
	r := rng.IntN(m.cumul[len(m.cumul)-1])
	i, _ := slices.BinarySearch(m.cumul, r+1)
	return m.actions[i]
}

// Has reports whether a is chosen at all.
func (m Mix) Has(a Action) bool { return slices.Contains(m.actions, a) }

// Weight is a's weight (0 when left out).
func (m Mix) Weight(a Action) int {
	i := slices.Index(m.actions, a)
	switch {
	case i < 0:
		return 0
	case i == 0:
		return m.cumul[0]
	default:
		return m.cumul[i] - m.cumul[i-1]
	}
}

// String is the mix in ParseMix's syntax.
func (m Mix) String() string {
	parts := make([]string, len(m.actions))
	for i, a := range m.actions {
		parts[i] = fmt.Sprintf("%s=%d", a, m.Weight(a))
	}
	return strings.Join(parts, ",")
}

// Without drops actions (e.g. those whose endpoints the server does not serve).
func (m Mix) Without(drop ...Action) (Mix, error) {
	parts := make([]string, 0, len(m.actions))
	for _, a := range m.actions {
		if !slices.Contains(drop, a) {
			parts = append(parts, fmt.Sprintf("%s=%d", a, m.Weight(a)))
		}
	}
	return ParseMix(strings.Join(parts, ","))
}
