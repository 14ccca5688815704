package loadgen

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"memora/internal/catalog"
	"memora/internal/importer"
)

// Atom is one SRS question of the catalogue: a quiz stage, or one highlight or pair of a
// reveal or matching stage ("<stage>:<index>"), so the server can build a review card of it.
type Atom struct {
	QuestionID string
	SubjectID  string
	TopicID    string // empty in lesson-based units
	// Correct is the answer the server grades right: a quiz's correct option, a highlight's
	// word, the left side of a matching pair.
	Correct string
}

// Catalog is what the population and the driver need of the content: every reviewable atom
// and the lessons any student of the plan may open, in map order.
type Catalog struct {
	Season string // the active season
	Grade  string // the profile students get (a plan of the active season)
	Stream string
	// Subjects are the plan's subjects, the ones history and boards use.
	Subjects []string
	Atoms    []Atom
	// FreeLessons are published lessons of the plan open to everyone (free subject and track,
	// or a free-preview unit), ordered as the map walks them; a student has completed a prefix.
	FreeLessons []Lesson
}

// Lesson is a playable lesson.
type Lesson struct {
	ID, SubjectID, TopicID string
	XPReward               int
}

// NewCatalog reads the catalogue of an import file (the demo's, plus synthetic drills).
func NewCatalog(f *importer.File) (*Catalog, error) {
	c := &Catalog{}
	for _, s := range f.Seasons {
		if s.IsActive {
			c.Season = s.ID
		}
	}
	plan, err := studentPlan(f, c.Season)
	if err != nil {
		return nil, err
	}
	c.Grade, c.Stream = plan.Grade, plan.Stream
	idx := indexContent(f)
	for _, l := range f.Lessons {
		if idx.published(l) {
			c.Atoms = append(c.Atoms, lessonAtoms(l, idx.units[l.Unit].Subject)...)
		}
	}
	c.Subjects, c.FreeLessons = freeLessons(f, plan, idx)
	if len(c.Atoms) == 0 || len(c.FreeLessons) == 0 {
		return nil, fmt.Errorf("catalog: %d atoms and %d free lessons: nothing to review or play", len(c.Atoms), len(c.FreeLessons))
	}
	return c, nil
}

// studentPlan is the shared plan of the active season students get: one without a stream
// when there is one, so onboarding has nothing to ask.
func studentPlan(f *importer.File, season string) (importer.Plan, error) {
	var found []importer.Plan
	for _, p := range f.Plans {
		if p.Season == season && p.Institution == "" && len(p.Subjects) > 0 {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return importer.Plan{}, fmt.Errorf("catalog: no shared plan in the active season %q", season)
	}
	slices.SortStableFunc(found, func(a, b importer.Plan) int { return cmp.Compare(a.Stream, b.Stream) })
	return found[0], nil
}

type contentIndex struct {
	subjects map[string]importer.Subject
	tracks   map[string]importer.Track
	units    map[string]importer.Unit
	topics   map[string]importer.Topic
}

func indexContent(f *importer.File) contentIndex {
	idx := contentIndex{subjects: map[string]importer.Subject{}, tracks: map[string]importer.Track{},
		units: map[string]importer.Unit{}, topics: map[string]importer.Topic{}}
	for _, s := range f.Subjects {
		idx.subjects[s.ID] = s
	}
	for _, t := range f.Tracks {
		idx.tracks[t.ID] = t
	}
	for _, u := range f.Units {
		idx.units[u.ID] = u
	}
	for _, t := range f.Topics {
		idx.topics[t.ID] = t
	}
	return idx
}

// published reports whether the lesson and everything above it is published.
func (idx contentIndex) published(l importer.Lesson) bool {
	u := idx.units[l.Unit]
	if !l.IsPublished || !u.IsPublished || !idx.subjects[u.Subject].IsPublished {
		return false
	}
	return l.Topic == "" || idx.topics[l.Topic].IsPublished
}

// open reports whether every student may play the lesson without a subscription.
func (idx contentIndex) open(l importer.Lesson) bool {
	u := idx.units[l.Unit]
	return u.IsFreePreview || (!idx.subjects[u.Subject].IsPaid && !idx.tracks[u.Track].IsPaid)
}

func lessonAtoms(l importer.Lesson, subject string) []Atom {
	var atoms []Atom
	add := func(id, correct string) {
		atoms = append(atoms, Atom{QuestionID: id, SubjectID: subject, TopicID: l.Topic, Correct: correct})
	}
	for _, st := range l.Stages {
		switch st.Type {
		case catalog.StageQuiz:
			var cfg catalog.QuizConfig
			correct := ""
			if json.Unmarshal(st.Config, &cfg) == nil && cfg.CorrectIndex >= 0 && cfg.CorrectIndex < len(cfg.Options) {
				correct = cfg.Options[cfg.CorrectIndex]
			}
			add(st.ID, correct) // an atom either way: populations do not depend on configs parsing
		case catalog.StageReveal:
			var cfg catalog.RevealConfig
			if json.Unmarshal(st.Config, &cfg) == nil {
				for i, h := range cfg.Highlights {
					add(catalog.AtomID(st.ID, i), h.Word)
				}
			}
		case catalog.StageMatching:
			var cfg catalog.MatchingConfig
			if json.Unmarshal(st.Config, &cfg) == nil {
				for i, p := range cfg.Pairs {
					add(catalog.AtomID(st.ID, i), p.Left)
				}
			}
		}
	}
	return atoms
}

// freeLessons walks the plan's subjects (all units or the chosen one) in map order.
func freeLessons(f *importer.File, plan importer.Plan, idx contentIndex) ([]string, []Lesson) {
	var subjects []string
	inPlan := map[string]bool{} // unit ids, or "subject/*" for all units
	for _, ps := range plan.Subjects {
		if !slices.Contains(subjects, ps.Subject) {
			subjects = append(subjects, ps.Subject)
		}
		if ps.Selection() == importer.AllUnits {
			inPlan[ps.Subject+"/*"] = true
		} else {
			inPlan[ps.SpecificUnit] = true
		}
	}
	lessons := slices.Clone(f.Lessons)
	key := func(l importer.Lesson) []int {
		u := idx.units[l.Unit]
		return []int{slices.Index(subjects, u.Subject), u.Position, idx.topics[l.Topic].Position, l.Position}
	}
	slices.SortStableFunc(lessons, func(a, b importer.Lesson) int {
		if c := slices.Compare(key(a), key(b)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Topic, b.Topic), cmp.Compare(a.ID, b.ID))
	})
	var out []Lesson
	for _, l := range lessons {
		u := idx.units[l.Unit]
		if !(inPlan[u.Subject+"/*"] || inPlan[u.ID]) || !idx.published(l) || !idx.open(l) {
			continue
		}
		out = append(out, Lesson{ID: l.ID, SubjectID: u.Subject, TopicID: l.Topic, XPReward: l.Reward()})
	}
	return subjects, out
}
