package catalog

import (
	"context"
	"fmt"

	"memora/internal/store"
)

// tree is the visible content of some subjects, loaded in five set-based queries. Only
// published rows of subjects the caller's institution may see are kept.
type tree struct {
	subjects       map[string]store.Subject
	tracks         map[string]store.Track
	tracksOf       map[string][]store.Track // by subject, in display order
	units          []store.Unit             // in display order
	topicsOf       map[string][]store.Topic // by unit; only topics with a published lesson
	lessonsOfTopic map[string][]store.Lesson
	lessonsOfUnit  map[string][]store.Lesson // lesson-based units
}

// loadTree returns the content of subjectIDs as the caller of institutionID sees it, from
// the content cache when it can. A tree is read from the primary, never a read replica: it
// is kept for contentTTL, and one read from a replica just after an edit's invalidation
// would keep the content from before the edit.
func (s *Service) loadTree(ctx context.Context, institutionID string, subjectIDs []string) (*tree, error) {
	return s.content.Load(contentKey(institutionID, subjectIDs), s.Clock.Now(), func() (*tree, error) {
		return s.readTree(store.WithoutReplicaReads(ctx), institutionID, subjectIDs)
	})
}

// readTree reads the content of subjectIDs from the store.
func (s *Service) readTree(ctx context.Context, institutionID string, subjectIDs []string) (*tree, error) {
	t := &tree{subjects: map[string]store.Subject{}, tracks: map[string]store.Track{}, tracksOf: map[string][]store.Track{},
		topicsOf: map[string][]store.Topic{}, lessonsOfTopic: map[string][]store.Lesson{}, lessonsOfUnit: map[string][]store.Lesson{}}
	if len(subjectIDs) == 0 {
		return t, nil
	}
	subjects, err := s.Store.SubjectListByIDs(ctx, subjectIDs)
	if err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	for _, sub := range subjects {
		if Visible(sub, institutionID) {
			t.subjects[sub.ID] = sub
		}
	}
	ids := make([]string, 0, len(t.subjects))
	for id := range t.subjects {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return t, nil
	}
	if err := t.load(ctx, s.Store, ids); err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	return t, nil
}

// Visible reports whether a subject is shown to a caller of institutionID: published, and
// shared or owned by that institution.
func Visible(sub store.Subject, institutionID string) bool {
	return sub.IsPublished && (sub.InstitutionID == nil || *sub.InstitutionID == institutionID)
}

func (t *tree) load(ctx context.Context, st Store, ids []string) error {
	tracks, err := st.TrackListBySubjects(ctx, ids)
	if err != nil {
		return err
	}
	for _, tr := range tracks {
		if tr.IsPublished {
			t.tracks[tr.ID] = tr
			t.tracksOf[tr.SubjectID] = append(t.tracksOf[tr.SubjectID], tr)
		}
	}
	units, err := st.UnitListBySubjects(ctx, ids)
	if err != nil {
		return err
	}
	kept := map[string]store.Unit{}
	for _, u := range units {
		if _, ok := t.tracks[u.TrackID]; ok && u.IsPublished && t.tracks[u.TrackID].SubjectID == u.SubjectID {
			t.units = append(t.units, u)
			kept[u.ID] = u
		}
	}
	topics, err := st.TopicListBySubjects(ctx, ids)
	if err != nil {
		return err
	}
	lessons, err := st.LessonListBySubjects(ctx, ids)
	if err != nil {
		return err
	}
	t.place(kept, topics, lessons)
	return nil
}

// place files published lessons under their topic (topic-based units) or unit
// (lesson-based units), and keeps the published topics that hold at least one.
func (t *tree) place(units map[string]store.Unit, topics []store.Topic, lessons []store.Lesson) {
	open := map[string]bool{}
	for _, tp := range topics {
		if u, ok := units[tp.UnitID]; ok && tp.IsPublished && u.StructureType == store.TopicBased {
			open[tp.ID] = true
		}
	}
	for _, l := range lessons {
		u, ok := units[l.UnitID]
		switch {
		case !ok || !l.IsPublished:
		case u.StructureType == store.LessonBased:
			t.lessonsOfUnit[u.ID] = append(t.lessonsOfUnit[u.ID], l)
		case l.TopicID != nil && open[*l.TopicID]:
			t.lessonsOfTopic[*l.TopicID] = append(t.lessonsOfTopic[*l.TopicID], l)
		}
	}
	for _, tp := range topics {
		if open[tp.ID] && len(t.lessonsOfTopic[tp.ID]) > 0 {
			t.topicsOf[tp.UnitID] = append(t.topicsOf[tp.UnitID], tp)
		}
	}
}

// unitsOf lists the visible units of a subject that a plan rule includes.
func (t *tree) unitsOf(rule SubjectRule) []store.Unit {
	var out []store.Unit
	for _, u := range t.units {
		if u.SubjectID == rule.SubjectID && rule.Includes(u.ID) {
			out = append(out, u)
		}
	}
	return out
}

// unit finds a visible unit.
func (t *tree) unit(id string) (store.Unit, bool) {
	for _, u := range t.units {
		if u.ID == id {
			return u, true
		}
	}
	return store.Unit{}, false
}
