package web

import (
	"net/http"

	"memora/internal/catalog"
	"memora/internal/problem"
)

// mapData is one track of a subject's map: its units, each a path of topics (or, in a
// lesson-based unit, of lessons), with the statuses the map engine gives.
type mapData struct {
	Subject catalog.SubjectRef
	Tracks  []catalog.TrackItem
	Track   *catalog.TrackRef
	Units   []mapUnit
}

type mapUnit struct {
	catalog.UnitStatus
	Topics []catalog.MapTopic
}

func (w *App) mapShow(rw http.ResponseWriter, r *http.Request) {
	ctx, who, subjectID := r.Context(), *userFrom(r), r.PathValue("subject")
	tracks, err := w.Catalog.GameTracks(ctx, who, subjectID)
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	details, err := w.Catalog.TrackDetails(ctx, who, subjectID, r.URL.Query().Get("track"), false)
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	maps, err := w.Catalog.MapData(ctx, who, subjectID)
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	topics := map[string][]catalog.MapTopic{}
	for _, m := range maps {
		for _, u := range m.Units {
			topics[u.ID] = u.Topics
		}
	}
	d := mapData{Subject: details.Subject, Tracks: tracks, Track: details.Track}
	for _, u := range details.Units {
		d.Units = append(d.Units, mapUnit{UnitStatus: u, Topics: topics[u.ID]})
	}
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "map", view{L: l, Title: l.Pick(d.Subject.Title, d.Subject.TitleEN), Nav: "home", Data: d})
}

// topicData is a topic's lessons and the subject it was opened from (for the way back).
type topicData struct {
	Details catalog.TopicDetails
	Subject *catalog.MySubject
}

// topicShow lists a topic's lessons with their statuses and offers a focus review of it.
func (w *App) topicShow(rw http.ResponseWriter, r *http.Request) {
	ctx, who := r.Context(), *userFrom(r)
	t, err := w.Catalog.TopicDetails(ctx, who, r.PathValue("topic"))
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	d := topicData{Details: t}
	if id := r.URL.Query().Get("subject"); id != "" {
		mine, err := w.Catalog.MySubjects(ctx, who)
		if err != nil {
			w.serverError(rw, r, err)
			return
		}
		for i := range mine {
			if mine[i].ID == id {
				d.Subject = &mine[i]
			}
		}
	}
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "topic", view{L: l, Title: l.Pick(t.Title, t.TitleEN), Nav: "home", Data: d})
}

// pageError shows a domain error (not found, locked…) as a page with the message, or a 500.
func (w *App) pageError(rw http.ResponseWriter, r *http.Request, err error) {
	l := w.localizer(r)
	msg, status := l.explain(err)
	if msg == "" {
		w.serverError(rw, r, err)
		return
	}
	p, _ := problem.As(err)
	w.render(rw, r, status, "problem", view{L: l, Title: l.T("error.title"),
		Data: problemData{Msg: msg, Store: p != nil && p.Message == catalog.MsgLessonPremium}})
}

// problemData is what the problem page says, and whether the store is the way on (paid content).
type problemData struct {
	Msg   string
	Store bool
}
