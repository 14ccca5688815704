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
	ActReview Action = "review" // get_review_session
	ActSubmit Action = "submit" // submit_review_session (of the cards last fetched)
	// ActSubmitOnly is submit_review_session alone: 15 of the student's own questions (known
	// from the population, as the floor's submission picks them) answered without opening a
	// session first, so a run of it compares request for request with the floor's submission.
	ActSubmitOnly  Action = "submit_only"
	ActMap         Action = "map"         // get_map_data
	ActProfile     Action = "profile"     // get_full_profile_stats
	ActQuests      Action = "quests"      // get_daily_quests
	ActLeaderboard Action = "leaderboard" // get_leaderboard
	ActLesson      Action = "lesson"      // get_lesson_details + submit_session

	// The web app's pages (GET with the session cookie, as a browser opens them).
	ActPageHome        Action = "page_home"        // /
	ActPageMap         Action = "page_map"         // /subjects/{id}
	ActPageTopic       Action = "page_topic"       // /topics/{id}
	ActPageLesson      Action = "page_lesson"      // /lessons/{id}
	ActPageReview      Action = "page_review"      // /review
	ActPageProfile     Action = "page_profile"     // /profile
	ActPageLeaderboard Action = "page_leaderboard" // /leaderboard
	ActPageStore       Action = "page_store"       // /store
)

// Actions lists every action in report order.
var Actions = []Action{ActReview, ActSubmit, ActSubmitOnly, ActMap, ActProfile, ActQuests, ActLeaderboard, ActLesson,
	ActPageHome, ActPageMap, ActPageTopic, ActPageLesson, ActPageReview, ActPageProfile, ActPageLeaderboard,
	ActPageStore}

// DefaultMix is a student-like blend of the JSON API: mostly reviews, some lesson play and
// browsing. It leaves the pages out, so its figures compare with earlier runs; the presets
// "pages" and "browser" add them.
const DefaultMix = "review=40,submit=20,map=10,profile=10,quests=5,leaderboard=5,lesson=10"

// PagesMix opens the web app's pages only, the home page and the map most.
const PagesMix = "page_home=20,page_map=15,page_topic=10,page_lesson=15,page_review=10,page_profile=10," +
	"page_leaderboard=10,page_store=10"

// BrowserMix is a student in the browser: the pages, and the API calls their scripts make
// (a lesson page plays the lesson, a review page opens and submits a session).
const BrowserMix = "page_home=15,page_map=10,page_topic=5,page_lesson=10,page_review=10,page_profile=5," +
	"page_leaderboard=5,page_store=3,review=10,submit=10,lesson=10,quests=4,leaderboard=3"

// MixPresets are names --mix accepts instead of weights.
var MixPresets = map[string]string{"api": DefaultMix, "pages": PagesMix, "browser": BrowserMix}

// Mix is a weighted choice of actions.
type Mix struct {
	actions []Action
	cumul   []int // running total of weights, same order as actions
}

// ParseMix reads "action=weight,…". Weights are non-negative integers; actions left out or
// weighted 0 are never chosen, so a run can skip endpoints that do not exist yet.
// A preset's name (MixPresets: api, pages, browser) stands for its weights.
func ParseMix(s string) (Mix, error) {
	if preset, ok := MixPresets[strings.TrimSpace(s)]; ok {
		s = preset
	}
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
			return Mix{}, fmt.Errorf("mix: %q is not action=weight with an action among %v (or a preset: api, pages, browser)", part, Actions)
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
