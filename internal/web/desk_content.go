package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"memora/internal/authoring"
	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/importer"
	"memora/internal/play"
	"memora/internal/problem"
)

// The content screens: subjects, a subject's tree (tracks, units, topics, lessons) with
// reordering by buttons, publish and delete, and the lesson editor with a form per stage type
// and a preview in the student lesson player. Everything goes through authoring, which
// validates with the importer's rules and scopes to the caller's institution.

func callerOf(r *http.Request) identity.Caller {
	return identity.Caller{Principal: *userFrom(r), RemoteAddr: httpx.ClientIP(r)}
}

// deskContent is the subjects screen.
type deskContent struct {
	Subjects []authoring.SubjectView
	Error    string
	Form     struct{ Title, TitleEn, Icon string }
}

func (d *desk) content(rw http.ResponseWriter, r *http.Request) {
	d.contentPage(rw, r, http.StatusOK, deskContent{})
}

func (d *desk) contentPage(rw http.ResponseWriter, r *http.Request, status int, page deskContent) {
	var err error
	if page.Subjects, err = d.Authoring.Subjects(r.Context(), callerOf(r)); err != nil {
		d.fail(rw, r, "content", err)
		return
	}
	d.show(rw, r, status, "content", "desk.content.title", "desk_content", page)
}

func (d *desk) subjectCreate(rw http.ResponseWriter, r *http.Request) {
	in := importer.Subject{Title: strings.TrimSpace(r.PostFormValue("title")), TitleEn: strings.TrimSpace(r.PostFormValue("title_en")),
		Icon: strings.TrimSpace(r.PostFormValue("icon"))}
	s, err := d.Authoring.SaveSubject(r.Context(), callerOf(r), in)
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page := deskContent{Error: msg}
		page.Form.Title, page.Form.TitleEn, page.Form.Icon = in.Title, in.TitleEn, in.Icon
		d.contentPage(rw, r, status, page)
		return
	}
	http.Redirect(rw, r, "/app/content/subjects/"+url.PathEscape(s.ID), http.StatusSeeOther)
}

// deskTree is a subject's tree as the page nests it.
type deskTree struct {
	Subject authoring.SubjectView
	Tracks  []deskTrack
	Error   string
	Done    string
	// SubjectFirst and SubjectLast: the subject is the first (last) of its owner's subjects, so it
	// cannot move up (down).
	SubjectFirst, SubjectLast bool
}

type deskTrack struct {
	authoring.TrackView
	Units []deskUnit
}

type deskUnit struct {
	authoring.UnitView
	Topics  []deskTopic
	Lessons []authoring.LessonView // a lesson_based unit's
}

type deskTopic struct {
	authoring.TopicView
	Lessons []authoring.LessonView
}

func nestTree(t authoring.Tree) deskTree {
	out := deskTree{Subject: t.Subject}
	for _, tr := range t.Tracks {
		dt := deskTrack{TrackView: tr}
		for _, u := range t.Units {
			if u.Track != tr.ID {
				continue
			}
			du := deskUnit{UnitView: u}
			for _, tp := range t.Topics {
				if tp.Unit != u.ID {
					continue
				}
				dtp := deskTopic{TopicView: tp}
				for _, l := range t.Lessons {
					if l.Topic != nil && *l.Topic == tp.ID {
						dtp.Lessons = append(dtp.Lessons, l)
					}
				}
				du.Topics = append(du.Topics, dtp)
			}
			for _, l := range t.Lessons {
				if l.Unit == u.ID && (l.Topic == nil || *l.Topic == "") {
					du.Lessons = append(du.Lessons, l)
				}
			}
			dt.Units = append(dt.Units, du)
		}
		out.Tracks = append(out.Tracks, dt)
	}
	return out
}

func (d *desk) subjectTree(rw http.ResponseWriter, r *http.Request) {
	d.treePage(rw, r, http.StatusOK, r.PathValue("id"), "", d.flash(r, "content_saved", "content_moved", "content_published",
		"content_unpublished", "content_deleted"))
}

func (d *desk) treePage(rw http.ResponseWriter, r *http.Request, status int, subject, failure, done string) {
	t, err := d.Authoring.Tree(r.Context(), callerOf(r), subject)
	if err != nil {
		d.fail(rw, r, "content", err)
		return
	}
	page := nestTree(t)
	page.Error, page.Done = failure, done
	all, err := d.Authoring.Subjects(r.Context(), callerOf(r))
	if err != nil {
		d.fail(rw, r, "content", err)
		return
	}
	page.SubjectFirst, page.SubjectLast = subjectEdges(all, t.Subject)
	d.show(rw, r, status, "content", "desk.content.title", "desk_tree", page)
}

// contentAdd creates a track, unit, topic or lesson under its parent, then shows the tree.
func (d *desk) contentAdd(rw http.ResponseWriter, r *http.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	subject, title, titleEn := v("subject"), v("title"), v("title_en")
	ctx, c := r.Context(), callerOf(r)
	var err error
	var lessonID string
	switch r.PathValue("kind") {
	case authoring.KindTrack:
		_, err = d.Authoring.SaveTrack(ctx, c, importer.Track{Subject: subject, Title: title, TitleEn: titleEn, IsDefault: v("default") == "on"})
	case authoring.KindUnit:
		structure := v("structure")
		if structure == "" {
			structure = importer.TopicBased
		}
		_, err = d.Authoring.SaveUnit(ctx, c, importer.Unit{Subject: subject, Track: v("track"), Title: title, TitleEn: titleEn,
			StructureType: structure, IsFreePreview: v("free_preview") == "on"})
	case authoring.KindTopic:
		_, err = d.Authoring.SaveTopic(ctx, c, importer.Topic{Unit: v("unit"), Title: title, TitleEn: titleEn})
	case authoring.KindLesson:
		var l authoring.LessonView
		l, err = d.Authoring.SaveLesson(ctx, c, importer.Lesson{Unit: v("unit"), Topic: v("topic"), Title: title, TitleEn: titleEn,
			Stages: []importer.Stage{}})
		lessonID = l.ID
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		d.treeFailure(rw, r, subject, err)
		return
	}
	if lessonID != "" {
		http.Redirect(rw, r, "/app/content/lessons/"+url.PathEscape(lessonID), http.StatusSeeOther)
		return
	}
	http.Redirect(rw, r, "/app/content/subjects/"+url.PathEscape(subject)+"?done=content_saved", http.StatusSeeOther)
}

func (d *desk) treeFailure(rw http.ResponseWriter, r *http.Request, subject string, err error) {
	msg, status, ok := d.problemMessage(r, err)
	if !ok {
		d.serverError(rw, r, err)
		return
	}
	d.treePage(rw, r, status, subject, msg, "")
}

// contentChange moves, publishes, unpublishes or deletes a row, then goes back.
func (d *desk) contentChange(rw http.ResponseWriter, r *http.Request) {
	kind, id, subject := r.PostFormValue("kind"), r.PostFormValue("id"), r.PostFormValue("subject")
	ctx, c := r.Context(), callerOf(r)
	var err error
	var done string
	switch op := r.PathValue("op"); op {
	case "up", "down":
		err, done = d.Authoring.Move(ctx, c, kind, id, op), "content_moved"
	case "publish", "unpublish":
		err, done = d.Authoring.SetPublished(ctx, c, kind, id, op == "publish"), "content_"+op+"ed"
	case "delete":
		if !confirmed(r, id) {
			err = d.notConfirmed(r)
			break
		}
		err, done = d.Authoring.Delete(ctx, c, kind, id), "content_deleted"
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		if kind == authoring.KindStage {
			lesson, _, _ := strings.Cut(id, "/")
			d.lessonFailure(rw, r, lesson, err)
			return
		}
		d.treeFailure(rw, r, subject, err)
		return
	}
	back := "/app/content/subjects/" + url.PathEscape(subject)
	if kind == authoring.KindStage {
		lesson, _, _ := strings.Cut(id, "/")
		back = "/app/content/lessons/" + url.PathEscape(lesson)
	}
	if kind == authoring.KindSubject && r.PostFormValue("from") == "list" {
		back = "/app/content"
	}
	http.Redirect(rw, r, back+"?done="+done+"#"+url.QueryEscape(kind+"-"+strings.ReplaceAll(id, "/", "-")), http.StatusSeeOther)
}

// deskLesson is the lesson editor.
type deskLesson struct {
	Lesson  authoring.LessonView
	Subject string
	Stages  []stageForm
	New     stageForm // the form for a new stage of the chosen type ("" before choosing)
	Types   []string
	Done    string
	Error   string
}

func (d *desk) lessonEdit(rw http.ResponseWriter, r *http.Request) {
	typ := r.URL.Query().Get("new")
	if !slices.Contains(stageTypes, typ) {
		typ = ""
	}
	d.lessonPage(rw, r, http.StatusOK, r.PathValue("id"), stageForm{Type: typ}, "", d.flash(r, "stage_saved", "content_moved",
		"content_published", "content_unpublished"))
}

func (d *desk) lessonPage(rw http.ResponseWriter, r *http.Request, status int, id string, edited stageForm, failure, done string) {
	l, err := d.Authoring.Lesson(r.Context(), callerOf(r), id)
	if err != nil {
		d.fail(rw, r, "content", err)
		return
	}
	page := deskLesson{Lesson: l, Types: stageTypes, Done: done, Error: failure, New: stageForm{Type: edited.Type}}
	if sub, err := d.lessonSubject(r, l); err == nil {
		page.Subject = sub
	}
	for _, st := range l.Stages {
		f := stageFormOf(st.ID, st.Type, st.Title, st.Config)
		if edited.ID == st.ID && edited.Error != "" {
			f = edited
		}
		page.Stages = append(page.Stages, f)
	}
	if edited.ID == "" && edited.Type != "" {
		page.New = edited
	}
	d.show(rw, r, status, "content", "desk.lesson.title", "desk_lesson", page)
}

// lessonSubject finds the lesson's subject, for the way back to the tree.
func (d *desk) lessonSubject(r *http.Request, l authoring.LessonView) (string, error) {
	subjects, err := d.Authoring.Subjects(r.Context(), callerOf(r))
	if err != nil {
		return "", err
	}
	for _, s := range subjects {
		t, err := d.Authoring.Tree(r.Context(), callerOf(r), s.ID)
		if err != nil {
			continue
		}
		for _, u := range t.Units {
			if u.ID == l.Unit {
				return s.ID, nil
			}
		}
	}
	return "", fmt.Errorf("lesson %s: no subject", l.ID)
}

func (d *desk) lessonFailure(rw http.ResponseWriter, r *http.Request, lesson string, err error) {
	msg, status, ok := d.problemMessage(r, err)
	if !ok {
		d.serverError(rw, r, err)
		return
	}
	d.lessonPage(rw, r, status, lesson, stageForm{}, msg, "")
}

// stageSave adds a stage to the lesson or replaces one, saving the whole lesson: the
// importer's messages (naming the stage and the field) come back on the stage's form.
func (d *desk) stageSave(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	l := d.localizer(r)
	f := stageFormFrom(r)
	lesson, err := d.Authoring.Lesson(r.Context(), callerOf(r), id)
	if err != nil {
		d.fail(rw, r, "content", err)
		return
	}
	config, bad := f.config()
	if bad != "" {
		f.Error = l.T(bad)
		d.lessonPage(rw, r, http.StatusBadRequest, id, f, "", "")
		return
	}
	in := importer.Lesson{ID: lesson.ID, Unit: lesson.Unit, Title: lesson.Title, TitleEn: lesson.TitleEn, XPReward: &lesson.XPReward}
	if lesson.Topic != nil {
		in.Topic = *lesson.Topic
	}
	replaced := false
	for _, st := range lesson.Stages {
		s := importer.Stage{ID: st.ID, Title: st.Title, Type: st.Type, Config: st.Config}
		if st.ID == f.ID {
			s.Title, s.Type, s.Config, replaced = f.Title, f.Type, config, true
		}
		in.Stages = append(in.Stages, s)
	}
	if !replaced {
		newID := nextStageID(lesson)
		in.Stages = append(in.Stages, importer.Stage{ID: newID, Title: f.Title, Type: f.Type, Config: config})
	}
	if _, err := d.Authoring.SaveLesson(r.Context(), callerOf(r), in); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		f.Error = msg
		d.lessonPage(rw, r, status, id, f, "", "")
		return
	}
	http.Redirect(rw, r, "/app/content/lessons/"+url.PathEscape(id)+"?done=stage_saved", http.StatusSeeOther)
}

// nextStageID is a stage id the lesson does not use yet: <lesson>-s<n>.
func nextStageID(l authoring.LessonView) string {
	used := map[string]bool{}
	for _, st := range l.Stages {
		used[st.ID] = true
	}
	for n := len(l.Stages) + 1; ; n++ {
		if id := l.ID + "-s" + strconv.Itoa(n); !used[id] {
			return id
		}
	}
}

// lessonPreview plays the lesson in the student lesson player: the saved stages, or the one
// stage of the submitted (unsaved) form when there is one.
func (d *desk) lessonPreview(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	lesson, err := d.Authoring.Lesson(r.Context(), callerOf(r), id)
	if err != nil {
		d.fail(rw, r, "content", err)
		return
	}
	l := d.localizer(r)
	stages := make([]play.StageView, 0, len(lesson.Stages))
	for _, st := range lesson.Stages {
		stages = append(stages, play.StageView{ID: st.ID, Title: st.Title, Type: st.Type, Config: st.Config})
	}
	if f := stageFormFrom(r); f.Type != "" {
		config, bad := f.config()
		if bad != "" {
			d.fail(rw, r, "content", problem.InvalidMsg(l.T(bad)))
			return
		}
		if f.ID == "" {
			f.ID = nextStageID(lesson)
		}
		stages = []play.StageView{{ID: f.ID, Title: f.Title, Type: f.Type, Config: json.RawMessage(config)}}
	}
	back := "/app/content/lessons/" + url.PathEscape(id)
	data := lessonData{Title: l.Pick(lesson.Title, lesson.TitleEn), Back: back,
		Game: lessonGame{User: userFrom(r).UserID, LessonID: "", Back: back, Stages: stages}}
	d.render(rw, r, http.StatusOK, "lesson", view{L: l, Title: data.Title, Data: data, Strings: l.strings(lessonStrings...)})
}

// subjectEdges reports whether s is the first and the last of the subjects of its owner (the
// ones it moves among), in their order.
func subjectEdges(all []authoring.SubjectView, s authoring.SubjectView) (first, last bool) {
	same := func(x authoring.SubjectView) bool {
		return (x.Institution == nil) == (s.Institution == nil) && (x.Institution == nil || *x.Institution == *s.Institution)
	}
	var ids []string
	for _, x := range all {
		if same(x) {
			ids = append(ids, x.ID)
		}
	}
	if len(ids) == 0 {
		return true, true
	}
	return ids[0] == s.ID, ids[len(ids)-1] == s.ID
}
