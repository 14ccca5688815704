package progress

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"memora/internal/cache"
	"memora/internal/store"
)

// DueSchedule lists a player's due question ids from the cached review schedule
// (review.Schedule): ok is false when it cannot answer (no cache, a season without it,
// Safe Mode, a failed read, a schedule missing or incomplete) and the database must.
type DueSchedule interface {
	DueIDs(ctx context.Context, userID int64, season store.Season, now time.Time) (ids []string, ok bool)
}

// SeasonReader reads a season (the read cache's, where there is one).
type SeasonReader interface {
	SeasonGet(ctx context.Context, id string) (store.Season, error)
}

// stageSubjectTTL bounds how long a stage's subject is kept: a lesson moved to another
// unit's subject is seen within it. (A memory item keeps the subject its lesson had when it
// was first answered, so the two differ only for items of a lesson moved since.)
const stageSubjectTTL = 10 * time.Minute

// stageSubjectEntries bounds the stages kept.
const stageSubjectEntries = 200_000

// stageSubjects maps stage ids to their subjects, loaded on demand (one query for the
// stages a request lacks).
type stageSubjects struct {
	byStage *cache.TTL[string, store.StageSubject]
}

func newStageSubjects() *stageSubjects {
	return &stageSubjects{byStage: cache.NewTTL[string, store.StageSubject](stageSubjectTTL, stageSubjectEntries)}
}

// stageOf is the stage a question id belongs to: a review atom is "<stage>:<index>" (a
// non-negative integer written plainly), anything else is the stage itself.
func stageOf(id string) string {
	if i := strings.LastIndexByte(id, ':'); i > 0 {
		if n, err := strconv.Atoi(id[i+1:]); err == nil && n >= 0 && strconv.Itoa(n) == id[i+1:] {
			return id[:i]
		}
	}
	return id
}

// dueFromSchedule counts the player's due items per subject (as ProgressDueBySubject would)
// from the cached schedule's due ids and the stages' subjects: ok is false when the schedule
// cannot answer or a due id's stage is not in the catalogue (its item's subject is then
// unknown here), and the database must count.
func (s *Service) dueFromSchedule(ctx context.Context, userID int64, seasonID string, subject *string,
	now time.Time) (due []store.SubjectCount, ok bool, err error) {
	if s.Due == nil {
		return nil, false, nil
	}
	var seasons SeasonReader = s.Store
	if s.Seasons != nil {
		seasons = s.Seasons
	}
	season, err := seasons.SeasonGet(ctx, seasonID)
	if err != nil {
		return nil, false, nil //nolint:nilerr // the database answers as before
	}
	ids, ok := s.Due.DueIDs(ctx, userID, season, now)
	if !ok {
		return nil, false, nil
	}
	subjects, ok, err := s.subjectsOf(ctx, ids, now)
	if err != nil || !ok {
		return nil, false, err
	}
	counts := map[string]*store.SubjectCount{}
	for _, id := range ids {
		st := subjects[stageOf(id)]
		if subject != nil && st.SubjectID != *subject {
			continue
		}
		c := counts[st.SubjectID]
		if c == nil {
			sid := st.SubjectID
			c = &store.SubjectCount{SubjectID: &sid, SubjectTitle: st.SubjectTitle, SubjectTitleEN: st.SubjectTitleEN}
			counts[sid] = c
		}
		c.Count++
	}
	due = make([]store.SubjectCount, 0, len(counts))
	for _, c := range counts {
		due = append(due, *c)
	}
	slices.SortFunc(due, func(a, b store.SubjectCount) int { return cmp.Compare(*a.SubjectID, *b.SubjectID) })
	return due, true, nil
}

// subjectsOf returns the subject of each due id's stage, from the cache and one query for
// the stages it lacks; ok is false when a stage is not in the catalogue.
func (s *Service) subjectsOf(ctx context.Context, ids []string, now time.Time) (map[string]store.StageSubject, bool, error) {
	s.stagesOnce.Do(func() { s.stages = newStageSubjects() })
	out := make(map[string]store.StageSubject, 64)
	missing := map[string]bool{}
	for _, id := range ids {
		stage := stageOf(id)
		if _, seen := out[stage]; seen || missing[stage] {
			continue
		}
		if st, ok := s.stages.byStage.Get(stage, now); ok {
			out[stage] = st
		} else {
			missing[stage] = true
		}
	}
	if len(missing) == 0 {
		return out, true, nil
	}
	rows, err := s.Store.ProgressStageSubjects(ctx, slices.Sorted(maps.Keys(missing)))
	if err != nil {
		return nil, false, fmt.Errorf("stage subjects: %w", err)
	}
	for _, r := range rows {
		s.stages.byStage.Put(r.StageID, r, now)
		out[r.StageID] = r
		delete(missing, r.StageID)
	}
	return out, len(missing) == 0, nil
}
