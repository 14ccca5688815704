package importer

import (
	"fmt"
	"strings"

	"memora/internal/catalog"
)

func (c *checker) checkContent() {
	for i, x := range c.f.Subjects {
		c.checkSubject(at("subjects", i, x.ID), x)
	}
	c.checkTracks()
	for i, x := range c.f.Units {
		c.checkUnit(at("units", i, x.ID), x)
	}
	for i, x := range c.f.Topics {
		c.checkTopic(at("topics", i, x.ID), x)
	}
	c.checkLessons()
}

func (c *checker) checkSubject(where string, x Subject) {
	c.required(where, "title", x.Title)
	c.ref(where, "institution", KindInstitution, x.Institution, false)
	c.prices(where, "full_price_cents", x.FullPriceCents, x.DiscountedPriceCents)
}

func (c *checker) checkTracks() {
	defaults := make(map[string]string) // subject → its default track in the file
	for i, x := range c.f.Tracks {
		where := at("tracks", i, x.ID)
		c.checkTrack(where, x)
		if !x.IsDefault || x.Subject == "" {
			continue
		}
		if prev, dup := defaults[x.Subject]; dup {
			c.addf(where, "is_default: track %q is already the default track of subject %q", prev, x.Subject)
			continue
		}
		defaults[x.Subject] = x.ID
	}
}

func (c *checker) checkTrack(where string, x Track) {
	c.required(where, "title", x.Title)
	c.ref(where, "subject", KindSubject, x.Subject, true)
	c.nonNegative(where, "unlock_level", int64(x.UnlockLevel))
	c.prices(where, "standalone_price_cents", x.StandalonePriceCents, x.DiscountedPriceCents)
	if x.IsSoldSeparately && !x.IsPaid {
		c.addf(where, "is_sold_separately requires is_paid")
	}
}

func (c *checker) checkUnit(where string, x Unit) {
	c.required(where, "title", x.Title)
	c.oneOf(where, "structure_type", x.StructureType, false, TopicBased, LessonBased)
	c.ref(where, "subject", KindSubject, x.Subject, true)
	if !c.ref(where, "track", KindTrack, x.Track, true) {
		return
	}
	if ti, ok := c.local(KindTrack, x.Track); ok && x.Subject != "" && c.f.Tracks[ti].Subject != x.Subject {
		c.addf(where, "track %q belongs to subject %q, not %q", x.Track, c.f.Tracks[ti].Subject, x.Subject)
	}
}

func (c *checker) checkTopic(where string, x Topic) {
	c.required(where, "title", x.Title)
	if !c.ref(where, "unit", KindUnit, x.Unit, true) {
		return
	}
	if ui, ok := c.local(KindUnit, x.Unit); ok && c.f.Units[ui].StructureType == LessonBased {
		c.addf(where, "unit %q is lesson_based and has no topics", x.Unit)
	}
}

func (c *checker) checkLessons() {
	titles := make(map[string]int)
	for i, l := range c.f.Lessons {
		where := at("lessons", i, l.ID)
		c.checkLesson(where, l)
		title := strings.TrimSpace(l.Title)
		if title == "" {
			continue
		}
		if j, dup := titles[title]; dup {
			c.addf(where, "title %q is already used by lessons[%d] %q", l.Title, j, c.f.Lessons[j].ID)
			continue
		}
		titles[title] = i
	}
}

func (c *checker) checkLesson(where string, l Lesson) {
	c.required(where, "title", l.Title)
	if l.XPReward != nil {
		c.nonNegative(where, "xp_reward", int64(*l.XPReward))
	}
	c.checkLessonPlace(where, l)
	if l.IsPublished && len(l.Stages) == 0 {
		c.addf(where, "a published lesson needs at least one stage")
	}
	for j, s := range l.Stages {
		c.checkStage(fmt.Sprintf("%s: %s", where, at("stages", j, s.ID)), s)
	}
}

// checkLessonPlace: the unit is required; in a topic_based unit the topic is required and must belong to
// the unit; a lesson_based unit takes no topic (original-memora §6 N.119).
func (c *checker) checkLessonPlace(where string, l Lesson) {
	if !c.ref(where, "unit", KindUnit, l.Unit, true) {
		return
	}
	ui, ok := c.local(KindUnit, l.Unit)
	if !ok {
		c.ref(where, "topic", KindTopic, l.Topic, false)
		return
	}
	if c.f.Units[ui].StructureType == LessonBased {
		if l.Topic != "" {
			c.addf(where, "topic must be empty: unit %q is lesson_based", l.Unit)
		}
		return
	}
	if l.Topic == "" {
		c.addf(where, "topic is required: unit %q is topic_based", l.Unit)
		return
	}
	if !c.ref(where, "topic", KindTopic, l.Topic, true) {
		return
	}
	if ti, ok := c.local(KindTopic, l.Topic); ok && c.f.Topics[ti].Unit != l.Unit {
		c.addf(where, "topic %q belongs to unit %q, not %q", l.Topic, c.f.Topics[ti].Unit, l.Unit)
	}
}

// stageInfo is what memory rows need to know about a stage of the file.
type stageInfo struct {
	typ    string
	atoms  int // highlights or pairs; 0 for other types
	scored bool
}

func (c *checker) checkStage(where string, s Stage) {
	c.required(where, "title", s.Title)
	cfg, err := catalog.ParseStageConfig(s.Type, s.Config)
	if err != nil {
		c.addf(where, "%v", err)
		return
	}
	info := stageInfo{typ: s.Type, scored: catalog.IsScored(s.Type)}
	switch cfg := cfg.(type) {
	case catalog.RevealConfig:
		info.atoms = len(cfg.Highlights)
	case catalog.MatchingConfig:
		info.atoms = len(cfg.Pairs)
	}
	c.stages[s.ID] = info
}
