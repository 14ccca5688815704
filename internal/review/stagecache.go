package review

import (
	"context"
	"maps"
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
	parsed map[string]parsedConfig
	words  []string // highlight words of the lesson's reveal stages
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
	seen := map[*lessonStages]bool{}
	for _, id := range stageIDs {
		l, ok := c.byStage.Get(id, now)
		if !ok {
			missing = append(missing, id)
			continue
		}
		if !seen[l] {
			seen[l] = true
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
			l = &lessonStages{parsed: map[string]parsedConfig{}}
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
	for _, l := range order {
		for _, st := range l.stages {
			c.byStage.Put(st.ID, l, now)
		}
	}
	return order
}
