package progress

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"memora/internal/catalog"
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

// stageSubjectTTL bounds how long the stages' subjects are kept: a lesson moved to another
// unit's subject is seen within it. (A memory item keeps the subject its lesson had when it
// was first answered, so the two differ only for items of a lesson moved since.)
const stageSubjectTTL = 10 * time.Minute

// stageSubjects maps stage ids to their subjects, loaded on demand (one query for the
// stages a request lacks). Requests read an immutable snapshot (no lock, no copy per
// request); a load publishes a new one with the stages it read added, and a snapshot older
// than stageSubjectTTL is dropped whole.
type stageSubjects struct {
	mu   sync.Mutex // serializes publishing
	snap atomic.Pointer[stageSnapshot]
}

type stageSnapshot struct {
	byStage map[string]store.StageSubject
	born    time.Time
}

// get returns the current snapshot's map (nil when there is none or it expired).
func (c *stageSubjects) get(now time.Time) map[string]store.StageSubject {
	if sn := c.snap.Load(); sn != nil && now.Sub(sn.born) < stageSubjectTTL {
		return sn.byStage
	}
	return nil
}

// add publishes a snapshot holding the current one's stages (if not expired) and rows.
func (c *stageSubjects) add(rows []store.StageSubject, now time.Time) map[string]store.StageSubject {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.get(now)
	born := now
	if sn := c.snap.Load(); old != nil {
		born = sn.born
	}
	next := make(map[string]store.StageSubject, len(old)+len(rows))
	maps.Copy(next, old)
	for _, r := range rows {
		next[r.StageID] = r
	}
	c.snap.Store(&stageSnapshot{byStage: next, born: born})
	return next
}

// stageOf is the stage a question id belongs to (a review atom's, or the id itself).
func stageOf(id string) string {
	stage, _ := catalog.SplitQuestionID(id)
	return stage
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

// subjectsOf returns the stages' subjects, holding those of every due id's stage: from the
// snapshot, and one query for the stages it lacks; ok is false when a stage is not in the
// catalogue.
func (s *Service) subjectsOf(ctx context.Context, ids []string, now time.Time) (map[string]store.StageSubject, bool, error) {
	known := s.stages.get(now)
	var missing []string
	for _, id := range ids {
		stage := stageOf(id)
		if _, ok := known[stage]; !ok && !slices.Contains(missing, stage) {
			missing = append(missing, stage)
		}
	}
	if len(missing) == 0 {
		return known, true, nil
	}
	rows, err := s.Store.ProgressStageSubjects(ctx, missing)
	if err != nil {
		return nil, false, fmt.Errorf("stage subjects: %w", err)
	}
	known = s.stages.add(rows, now)
	for _, stage := range missing {
		if _, ok := known[stage]; !ok {
			return nil, false, nil
		}
	}
	return known, true, nil
}
