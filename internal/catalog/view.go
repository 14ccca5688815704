package catalog

import "memora/internal/store"

// unitView is one unit with every topic's status and every lesson's status: the map, the
// topic details and the lesson checks all read it, so they cannot disagree.
type unitView struct {
	unit    store.Unit
	subject store.Subject
	track   store.Track
	topics  []topicView
}

// topicView is a topic, or the one virtual topic of a lesson-based unit.
type topicView struct {
	topic   store.Topic // for a virtual topic: ID "<unit>-default", the unit's title
	virtual bool
	status  string
	paid    bool
	stats   Progress
	lessons []lessonView
}

type lessonView struct {
	lesson store.Lesson
	status string
}

// VirtualTopicSuffix ends the id of a lesson-based unit's one topic.
const VirtualTopicSuffix = "-default"

// virtualDescription is the original's description of a virtual topic ("unit lessons").
const virtualDescription = "دروس الوحدة"

// view computes the statuses of a visible unit for the learner (pure: no I/O).
func (l *learner) view(t *tree, u store.Unit) unitView {
	subject, track := t.subjects[u.SubjectID], t.tracks[u.TrackID]
	if u.StructureType == store.LessonBased {
		paid := PaidAccess(l.access, subject, track, u, false)
		tp := store.Topic{ID: u.ID + VirtualTopicSuffix, UnitID: u.ID, Title: u.Title, TitleEN: u.TitleEN,
			Description: virtualDescription, IsLinear: true}
		v := l.topic(tp, t.lessonsOfUnit[u.ID], paid, true)
		v.virtual = true
		v.status = TopicStatuses([]Progress{v.stats}, false)[0]
		return unitView{unit: u, subject: subject, track: track, topics: []topicView{v}}
	}
	topics := t.topicsOf[u.ID]
	progress := make([]Progress, len(topics))
	for i, tp := range topics {
		progress[i] = l.progress(t.lessonsOfTopic[tp.ID], PaidAccess(l.access, subject, track, u, tp.IsFreePreview))
	}
	statuses := TopicStatuses(progress, u.IsLinearTopics)
	v := unitView{unit: u, subject: subject, track: track, topics: make([]topicView, len(topics))}
	for i, tp := range topics {
		v.topics[i] = l.topic(tp, t.lessonsOfTopic[tp.ID], progress[i].Paid, statuses[i] != StatusLocked)
		v.topics[i].status = statuses[i]
	}
	return v
}

func (l *learner) progress(lessons []store.Lesson, paid bool) Progress {
	p := Progress{Total: len(lessons), Paid: paid}
	for _, ls := range lessons {
		if l.completed[ls.ID] {
			p.Completed++
		}
	}
	return p
}

func (l *learner) topic(tp store.Topic, lessons []store.Lesson, paid, reachable bool) topicView {
	done := make([]bool, len(lessons))
	for i, ls := range lessons {
		done[i] = l.completed[ls.ID]
	}
	statuses := LessonStatuses(done, Gate{Paid: paid, Reachable: reachable, Linear: tp.IsLinear})
	v := topicView{topic: tp, paid: paid, stats: l.progress(lessons, paid), lessons: make([]lessonView, len(lessons))}
	for i, ls := range lessons {
		v.lessons[i] = lessonView{lesson: ls, status: statuses[i]}
	}
	return v
}

// unitProgress sums a unit's lessons (get_track_details).
func (v unitView) progress() Progress {
	var p Progress
	for _, tp := range v.topics {
		p.Total += tp.stats.Total
		p.Completed += tp.stats.Completed
	}
	return p
}
