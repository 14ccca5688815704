package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"memora/internal/i18n"
	"memora/internal/teaching"
)

// The Teacher's class view: the institution's students with level, streak, last activity, due
// load, mastery per subject and weakest topics, a chart of the class's review load for the
// coming days, and a drill-down per student. Served by teaching, scoped to the caller's
// institution.

type deskClass struct {
	Class  teaching.Class
	Load   barChart
	Titles deskTitles
}

type deskStudent struct {
	Student teaching.StudentDetail
	Load    barChart
	Titles  deskTitles
}

// deskTitles names subjects, topics, grades and streams in the page's language (their id when
// they have no title, or are gone).
type deskTitles struct {
	t teaching.Titles
	l Localizer
}

// Subject is a subject's title.
func (n deskTitles) Subject(id string) string {
	if t, ok := n.t.Subjects[id]; ok {
		return n.l.Pick(t.Title, t.TitleEn)
	}
	return id
}

// Topic is a topic's title.
func (n deskTitles) Topic(id string) string {
	if t, ok := n.t.Topics[id]; ok {
		return n.l.Pick(t.Title, t.TitleEn)
	}
	return id
}

// Grade is a student's grade's title ("" for none).
func (n deskTitles) Grade(id *string) string { return n.academic(n.t.Grades, id) }

// Stream is a student's stream's title ("" for none).
func (n deskTitles) Stream(id *string) string { return n.academic(n.t.Streams, id) }

func (n deskTitles) academic(titles map[string]teaching.Title, id *string) string {
	if id == nil {
		return ""
	}
	if t, ok := titles[*id]; ok {
		return n.l.Pick(t.Title, t.TitleEn)
	}
	return *id
}

// loadChart is a review-load bar chart: overdue reviews count today.
func loadChart(l Localizer, id string, days []teaching.DayLoad, today string) barChart {
	points := make([]chartPoint, 0, len(days))
	var total int64
	for _, d := range days {
		t, err := time.Parse(time.DateOnly, d.Day)
		if err != nil {
			continue
		}
		points = append(points, chartPoint{Label: i18n.Digits(l.Lang, strconv.Itoa(t.Day())), Name: l.Date(t),
			Value: int64(d.Count), Today: d.Day == today})
		total += int64(d.Count)
	}
	c := buildBars(l, id, points, l.IsArabic())
	c.Title = l.T("desk.class.load_title")
	c.Desc = l.T("desk.class.load_desc", "count", total, "days", len(points))
	c.LabelHead, c.ValueHead = l.T("desk.class.day"), l.T("desk.class.reviews")
	return c
}

func (d *desk) class(rw http.ResponseWriter, r *http.Request) {
	c, err := d.Teaching.Class(r.Context(), callerOf(r), "")
	if err != nil {
		d.fail(rw, r, "class", err)
		return
	}
	titles, err := d.Teaching.Titles(r.Context(), c.Students, nil)
	if err != nil {
		d.fail(rw, r, "class", err)
		return
	}
	l := d.localizer(r)
	d.show(rw, r, http.StatusOK, "class", "desk.class.title", "desk_class", deskClass{Class: c, Load: loadChart(l, "class-load", c.Load, c.Today),
		Titles: deskTitles{t: titles, l: l}})
}

func (d *desk) classStudent(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.notFoundPage(rw, r)
		return
	}
	s, err := d.Teaching.Student(r.Context(), callerOf(r), id)
	if err != nil {
		d.fail(rw, r, "class", err)
		return
	}
	titles, err := d.Teaching.Titles(r.Context(), []teaching.StudentRow{s.StudentRow}, s.Topics)
	if err != nil {
		d.fail(rw, r, "class", err)
		return
	}
	l := d.localizer(r)
	today := d.clock.Now().In(userFrom(r).Zone()).Format(time.DateOnly)
	d.show(rw, r, http.StatusOK, "class", "desk.class.title", "desk_student",
		deskStudent{Student: s, Load: loadChart(l, fmt.Sprintf("student-%d-load", id), s.Load, today), Titles: deskTitles{t: titles, l: l}})
}
