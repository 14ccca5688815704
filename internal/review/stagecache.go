package review

import (
	"context"
	"slices"
	"time"

	"memora/internal/cache"
	"memora/internal/catalog"
	"memora/internal/store"
)

// stageTTL bounds how long a lesson's stages, parsed, are kept between requests: a review
// session would otherwise read and parse every stage of its lessons on each request (most
// of its cost). Edits to content are seen within this long.
const stageTTL = 30 * time.Second

// stageCache keeps the stages of recently reviewed lessons with their configs parsed: each
// stage id leads to its lesson's stages. Its entries are never modified once stored, so
// requests share them.
type stageCache struct {
	byStage *cache.TTL[string, *lessonStages]
}

// stageEntries bounds the stages kept.
const stageEntries = 200_000

func newStageCache() stageCache {
	return stageCache{byStage: cache.NewTTL[string, *lessonStages](stageTTL, stageEntries)}
}

type lessonStages struct {
	stages []store.ReviewStage
	index  map[string]int // stage id → its place in stages
	parsed map[string]parsedConfig
	words  []string // highlight words of the lesson's reveal stages
}

// book returns the lessons of stageIDs: from the cache where it can, the rest in one query.
// The book refers to the cached lessons (nothing is copied per request).
func (s *Service) book(ctx context.Context, stageIDs []string) (stageBook, error) {
	now := s.clock.Now()
	b := stageBook{ids: make([]string, 0, len(stageIDs)), lessons: make([]*lessonStages, 0, len(stageIDs))}
	var missing []string
	for _, id := range stageIDs {
		if b.lesson(id) != nil {
			continue
		}
		if l, ok := s.stages.byStage.Get(id, now); ok {
			b.add(id, l)
		} else if !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		rows, err := s.store.ReviewLessonStages(ctx, missing)
		if err != nil {
			return stageBook{}, err
		}
		for _, l := range s.stages.store(rows, now) {
			for _, id := range missing {
				if _, ok := l.index[id]; ok && b.lesson(id) == nil {
					b.add(id, l)
				}
			}
		}
	}
	return b, nil
}

// store parses and keeps the stages of each lesson in rows, with their questions built.
func (c *stageCache) store(rows []store.ReviewStage, now time.Time) []*lessonStages {
	byLesson := map[string]*lessonStages{}
	var order []*lessonStages
	for _, st := range rows {
		l := byLesson[st.LessonID]
		if l == nil {
			l = &lessonStages{index: map[string]int{}, parsed: map[string]parsedConfig{}}
			byLesson[st.LessonID] = l
			order = append(order, l)
		}
		l.index[st.ID] = len(l.stages)
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
	for _, l := range order {
		// The questions are built once the lesson's words are all known (a reveal stage's
		// distractors are the highlight words of the whole lesson).
		words := newDistractorPool(l.words)
		for _, st := range l.stages {
			if p := l.parsed[st.ID]; p.err == nil {
				p.qs = stageQuestions(st, p.cfg, words)
				l.parsed[st.ID] = p
			}
		}
		for _, st := range l.stages {
			c.byStage.Put(st.ID, l, now)
		}
	}
	return order
}
