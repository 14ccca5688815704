package review

import (
	"context"
	"maps"
	"sync"
	"time"

	"memora/internal/catalog"
	"memora/internal/store"
)

// stageTTL bounds how long a lesson's stages, parsed, are kept between requests: a review
// session would otherwise read and parse every stage of its lessons on each request (most
// of its cost). Edits to content are seen within this long.
const stageTTL = 30 * time.Second

// stageCache keeps the stages of recently reviewed lessons with their configs parsed. Its
// entries are never modified once stored, so requests share them.
type stageCache struct {
	mu       sync.Mutex
	lessons  map[string]*lessonStages // by lesson id
	lessonOf map[string]string        // stage id → lesson id
}

type lessonStages struct {
	stages  []store.ReviewStage
	parsed  map[string]parsedConfig
	words   []string // highlight words of the lesson's reveal stages
	expires time.Time
}

// book returns the stages of the lessons holding stageIDs: from the cache where it can, the
// rest in one query.
func (s *Service) book(ctx context.Context, stageIDs []string) (stageBook, error) {
	now := s.clock.Now()
	have, missing := s.stages.lookup(stageIDs, now)
	if len(missing) > 0 {
		rows, err := s.store.ReviewLessonStages(ctx, missing)
		if err != nil {
			return stageBook{}, err
		}
		have = append(have, s.stages.store(rows, now)...)
	}
	b := stageBook{byID: map[string]store.ReviewStage{}, parsed: map[string]parsedConfig{}, lessonWords: map[string][]string{}}
	for _, l := range have {
		for _, st := range l.stages {
			b.byID[st.ID] = st
			b.lessonWords[st.LessonID] = l.words
		}
		maps.Copy(b.parsed, l.parsed)
	}
	return b, nil
}

func (c *stageCache) lookup(stageIDs []string, now time.Time) (have []*lessonStages, missing []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	for _, id := range stageIDs {
		l, ok := c.lessons[c.lessonOf[id]]
		if !ok || !now.Before(l.expires) {
			missing = append(missing, id)
			continue
		}
		if lid := c.lessonOf[id]; !seen[lid] {
			seen[lid] = true
			have = append(have, l)
		}
	}
	return have, missing
}

// store parses and keeps the stages of each lesson in rows.
func (c *stageCache) store(rows []store.ReviewStage, now time.Time) []*lessonStages {
	byLesson := map[string]*lessonStages{}
	var order []*lessonStages
	for _, st := range rows {
		l := byLesson[st.LessonID]
		if l == nil {
			l = &lessonStages{parsed: map[string]parsedConfig{}, expires: now.Add(stageTTL)}
			byLesson[st.LessonID] = l
			order = append(order, l)
		}
		l.stages = append(l.stages, st)
		var p parsedConfig
		p.cfg, p.err = catalog.ParseStageConfig(st.Type, st.Config)
		l.parsed[st.ID] = p
		if rc, ok := p.cfg.(catalog.RevealConfig); ok && p.err == nil {
			for _, h := range rc.Highlights {
				l.words = append(l.words, h.Word)
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lessons == nil || len(c.lessons) > 50_000 {
		c.lessons, c.lessonOf = map[string]*lessonStages{}, map[string]string{}
	}
	for id, l := range byLesson {
		c.lessons[id] = l
		for _, st := range l.stages {
			c.lessonOf[st.ID] = id
		}
	}
	return order
}
