package loadgen

import (
	"reflect"
	"testing"
	"time"

	"memora/internal/clock"
	"memora/internal/store"
)

func TestGeneratorIsDeterministic(t *testing.T) {
	cat, _ := CatalogFor(50, testNow)
	shape := Shape{Students: 10, Records: 50, Sessions: 6, Seed: 9}
	a := newGenerator(shape, cat, testNow, institutionZone()).student(4, 104)
	b := newGenerator(shape, cat, testNow, institutionZone()).student(4, 104)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed and student gave different students")
	}
	if c := newGenerator(Shape{Students: 10, Records: 50, Sessions: 6, Seed: 10}, cat, testNow, institutionZone()).student(4, 104); c.Memory[0].QuestionID == a.Memory[0].QuestionID && c.TotalXP == a.TotalXP {
		t.Fatal("another seed gave the same student")
	}
}

func TestGeneratorSpreadsDueDates(t *testing.T) {
	cat, _ := CatalogFor(100, testNow)
	loc := institutionZone()
	gen := newGenerator(Shape{Records: 100, Sessions: 8, Seed: 1}, cat, testNow, loc)
	endOfDay := clock.Day(testNow, loc).AddDate(0, 0, 1)
	for n := 1; n <= 50; n++ {
		s := gen.student(n, int64(n))
		var overdue, today int
		questions := map[string]bool{}
		for _, m := range s.Memory {
			questions[m.QuestionID] = true
			switch {
			case !m.Due.After(testNow):
				overdue++
			case m.Due.In(loc).Before(time.Date(endOfDay.Year(), endOfDay.Month(), endOfDay.Day(), 0, 0, 0, 0, loc)):
				today++
			}
			if !m.LastReview.Before(m.Due) || m.Stability <= 0 {
				t.Fatalf("state %+v", m)
			}
		}
		if overdue != 10 || today != 3 || len(questions) != 100 {
			t.Fatalf("student %d: %d overdue, %d due later today, %d distinct of 100", n, overdue, today, len(questions))
		}
	}
}

func TestGeneratorHistoryIsConsistent(t *testing.T) {
	cat, _ := CatalogFor(20, testNow)
	gen := newGenerator(Shape{Records: 20, Sessions: 8, Seed: 2}, cat, testNow, institutionZone())
	for n := 1; n <= 30; n++ {
		s := gen.student(n, int64(n))
		var total, byScore int64
		lessons := 0
		for i, h := range s.Sessions {
			total += int64(h.XP)
			if i > 0 && h.At.Before(s.Sessions[i-1].At) {
				t.Fatal("sessions out of order")
			}
			if h.Kind == store.SessionLesson {
				if h.LessonID != cat.FreeLessons[lessons].ID {
					t.Fatalf("lesson %d is %s, want the map's %s", lessons, h.LessonID, cat.FreeLessons[lessons].ID)
				}
				lessons++
			}
		}
		for _, sc := range s.Scores {
			byScore += sc.XP
		}
		if lessons != s.Completed || s.Completed < 1 || total != s.TotalXP || byScore != total {
			t.Fatalf("student %d: %d lessons of %d completed, XP %d/%d/%d", n, lessons, s.Completed, total, s.TotalXP, byScore)
		}
	}
}
