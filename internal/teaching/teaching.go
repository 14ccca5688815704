// Package teaching is the Teacher's class view: an institution's students with their level,
// streak, last activity, review load, mastery per subject and weakest topics (lowest FSRS
// retrievability), and one student's detail; and a teacher's push of items into their
// students' review queues (Push). It reads four set-based queries whatever the
// class size (store.TeachingExecutor); the rules (streak, level, retrievability) are the
// ones the student sees.
package teaching

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/progress"
	"memora/internal/srs"
	"memora/internal/store"
)

// Bounds of the view.
const (
	MaxStudents  = 1000 // students in one class view
	WeakestShown = 3    // weakest topics per student in the class view
	ForecastDays = 14   // days of the class's review-load chart
	activityDays = 60   // active days read for streaks (longer streaks show as 60+)
)

// Store is what the class view reads.
type Store interface {
	InstitutionGet(ctx context.Context, id string) (store.Institution, error)
	UserGet(ctx context.Context, id int64) (store.User, error)
	Exists(ctx context.Context, kind, id string) (bool, error)
	InTx(ctx context.Context, fn func(tx store.Executor) error) error
	store.TeachingExecutor
	TitleReader
	store.PushExecutor
}

// Service serves the class view.
type Service struct {
	Store    Store
	Clock    clock.Clock
	Audit    audit.Log // records pushes
	Schedule Schedule  // the cached review schedule, told of pushes (nil: none)

	fsrs    srs.Scheduler // FSRS-6 with the default weights: retrievability
	fsrsErr error
}

// New returns the service.
func New(st Store, clk clock.Clock) *Service {
	sch, err := srs.NewScheduler(srs.DefaultParams())
	return &Service{Store: st, Clock: clk, fsrs: sch, fsrsErr: err}
}

// SubjectMastery is how well a student holds a subject's reviewed items: their mean
// retrievability now (0–1), and how many are at 0.9 or above.
type SubjectMastery struct {
	Subject        string  `json:"subject"`
	Items          int     `json:"items"`
	Reviewed       int     `json:"reviewed"`
	Retrievability float64 `json:"retrievability"`
	Strong         int     `json:"strong"`
	Due            int     `json:"due"`
}

// TopicMastery is a topic's mean retrievability for a student (reviewed items only).
type TopicMastery struct {
	Topic          string  `json:"topic"`
	Subject        string  `json:"subject"`
	Reviewed       int     `json:"reviewed"`
	Retrievability float64 `json:"retrievability"`
}

// StudentRow is one student of the class view.
type StudentRow struct {
	UserID       int64            `json:"user_id"`
	Email        string           `json:"email"`
	FullName     string           `json:"full_name"`
	Enabled      bool             `json:"enabled"`
	Grade        *string          `json:"grade"`
	Stream       *string          `json:"stream"`
	Season       *string          `json:"season"`
	TotalXP      int64            `json:"total_xp"`
	Level        int              `json:"level"`
	Streak       int              `json:"streak"`
	LastActivity *time.Time       `json:"last_activity"`
	Items        int              `json:"items"`
	DueNow       int              `json:"due_now"`
	DueWeek      int              `json:"due_week"`
	Mastery      []SubjectMastery `json:"mastery"`
	Weakest      []TopicMastery   `json:"weakest_topics"`
}

// DayLoad is how many reviews fall due on a local day (overdue ones count today).
type DayLoad struct {
	Day   string `json:"date"`
	Count int    `json:"count"`
}

// Class is the class view.
type Class struct {
	Institution string       `json:"institution"`
	Today       string       `json:"today"`
	Students    []StudentRow `json:"students"`
	Load        []DayLoad    `json:"review_load"`
}

// StudentDetail is one student's drill-down: the row, every topic weakest first, the
// active days of the last weeks and the student's own review load.
type StudentDetail struct {
	StudentRow
	Topics     []TopicMastery `json:"topics"`
	ActiveDays []string       `json:"active_days"`
	Load       []DayLoad      `json:"review_load"`
}

const (
	msgInstNotFound    = "Institution not found"
	msgStudentNotFound = "Student not found"
)

// Class returns the class view of an institution (the caller's unless a System Manager
// names another).
func (s *Service) Class(ctx context.Context, c identity.Caller, institution string) (Class, error) {
	if institution == "" {
		institution = c.InstitutionID
	}
	if !c.Reaches(institution) {
		return Class{}, problem.NotFoundMsg(msgInstNotFound)
	}
	loc, err := s.location(ctx, institution)
	if err != nil {
		return Class{}, err
	}
	rows, mem, _, err := s.read(ctx, store.ClassParams{InstitutionID: institution, Limit: MaxStudents}, loc)
	if err != nil {
		return Class{}, err
	}
	now := s.Clock.Now()
	out := Class{Institution: institution, Today: clock.Day(now, loc).Format(time.DateOnly), Students: rows,
		Load: load(mem, now, loc, nil)}
	for i := range out.Students {
		out.Students[i].Weakest = weakest(topics(mem[out.Students[i].UserID], s.fsrs, now), WeakestShown)
	}
	return out, nil
}

// Student returns one student's drill-down; a user who is not a student of an institution
// the caller reaches is not found.
func (s *Service) Student(ctx context.Context, c identity.Caller, userID int64) (StudentDetail, error) {
	// A student of the caller's institution; a System Manager's drill-down may be of any.
	inst := c.InstitutionID
	rows, err := s.Store.ClassStudents(ctx, store.ClassParams{InstitutionID: inst, UserID: userID, Limit: 1})
	if err != nil {
		return StudentDetail{}, fmt.Errorf("class student: %w", err)
	}
	if len(rows) == 0 && c.IsSystemManager() {
		inst, err = s.institutionOf(ctx, userID)
		if err != nil {
			return StudentDetail{}, err
		}
	} else if len(rows) == 0 {
		return StudentDetail{}, problem.NotFoundMsg(msgStudentNotFound)
	}
	loc, err := s.location(ctx, inst)
	if err != nil {
		return StudentDetail{}, err
	}
	list, mem, days, err := s.read(ctx, store.ClassParams{InstitutionID: inst, UserID: userID, Limit: 1}, loc)
	if err != nil {
		return StudentDetail{}, err
	}
	if len(list) == 0 {
		return StudentDetail{}, problem.NotFoundMsg(msgStudentNotFound)
	}
	now := s.Clock.Now()
	all := weakest(topics(mem[userID], s.fsrs, now), -1)
	d := StudentDetail{StudentRow: list[0], Topics: all, ActiveDays: []string{}, Load: load(mem, now, loc, &userID)}
	d.Weakest = weakest(all, WeakestShown)
	for _, day := range days[userID] {
		d.ActiveDays = append(d.ActiveDays, day.Format(time.DateOnly))
	}
	return d, nil
}

// institutionOf finds a student's institution for a System Manager's drill-down.
func (s *Service) institutionOf(ctx context.Context, userID int64) (string, error) {
	u, err := s.Store.UserGet(ctx, userID)
	if err != nil {
		return "", problem.NotFoundMsg(msgStudentNotFound)
	}
	return u.InstitutionID, nil
}

func (s *Service) location(ctx context.Context, institution string) (*time.Location, error) {
	inst, err := s.Store.InstitutionGet(ctx, institution)
	if err != nil {
		return nil, problem.NotFoundMsg(msgInstNotFound)
	}
	loc, err := time.LoadLocation(inst.TimeZone)
	if err != nil {
		return time.UTC, nil
	}
	return loc, nil
}

// read runs the four queries and builds the rows (without weakest topics).
func (s *Service) read(ctx context.Context, p store.ClassParams, loc *time.Location) (
	[]StudentRow, map[int64][]store.ClassMemoryRow, map[int64][]time.Time, error) {
	if s.fsrsErr != nil {
		return nil, nil, nil, fmt.Errorf("class view: %w", s.fsrsErr)
	}
	now := s.Clock.Now()
	today := clock.Day(now, loc)
	students, err := s.Store.ClassStudents(ctx, p)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("class view: %w", err)
	}
	days, err := s.Store.ClassActiveDays(ctx, p, today.AddDate(0, 0, -activityDays))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("class view: %w", err)
	}
	last, err := s.Store.ClassLastActivity(ctx, p)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("class view: %w", err)
	}
	rows, err := s.Store.ClassMemory(ctx, p)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("class view: %w", err)
	}
	mem := map[int64][]store.ClassMemoryRow{}
	for _, r := range rows {
		mem[r.UserID] = append(mem[r.UserID], r)
	}
	weekEnd := today.AddDate(0, 0, 7)
	out := make([]StudentRow, len(students))
	for i, st := range students {
		r := StudentRow{UserID: st.UserID, Email: st.Email, FullName: st.FullName, Enabled: st.Enabled, Grade: st.GradeID,
			Stream: st.StreamID, Season: st.SeasonID, TotalXP: st.TotalXP, Level: progress.Level(st.TotalXP),
			Streak: progress.Streak(days[st.UserID], today), Mastery: []SubjectMastery{}, Weakest: []TopicMastery{}}
		if t, ok := last[st.UserID]; ok {
			t = t.In(loc) // the institution's day, as the class's streaks and loads count it
			r.LastActivity = &t
		}
		bySubject := map[string]*SubjectMastery{}
		var order []string
		for _, m := range mem[st.UserID] {
			r.Items++
			due := !m.Due.After(now)
			if due {
				r.DueNow++
			}
			if clock.Day(m.Due, loc).Before(weekEnd) {
				r.DueWeek++
			}
			subject := deref(m.SubjectID)
			sm := bySubject[subject]
			if sm == nil {
				sm = &SubjectMastery{Subject: subject}
				bySubject[subject] = sm
				order = append(order, subject)
			}
			sm.Items++
			if due {
				sm.Due++
			}
			if m.LastReview != nil {
				rv := s.fsrs.RetrievabilityAt(m.Stability, now.Sub(*m.LastReview).Hours()/24)
				sm.Reviewed++
				sm.Retrievability += rv
				if rv >= 0.9 {
					sm.Strong++
				}
			}
		}
		slices.Sort(order)
		for _, subject := range order {
			sm := *bySubject[subject]
			if sm.Reviewed > 0 {
				sm.Retrievability = round3(sm.Retrievability / float64(sm.Reviewed))
			}
			r.Mastery = append(r.Mastery, sm)
		}
		out[i] = r
	}
	return out, mem, days, nil
}

// topics is the mean retrievability of each topic's reviewed items.
func topics(rows []store.ClassMemoryRow, fsrs srs.Scheduler, now time.Time) []TopicMastery {
	by := map[string]*TopicMastery{}
	for _, m := range rows {
		if m.TopicID == nil || m.LastReview == nil {
			continue
		}
		t := by[*m.TopicID]
		if t == nil {
			t = &TopicMastery{Topic: *m.TopicID, Subject: deref(m.SubjectID)}
			by[*m.TopicID] = t
		}
		t.Reviewed++
		t.Retrievability += fsrs.RetrievabilityAt(m.Stability, now.Sub(*m.LastReview).Hours()/24)
	}
	out := make([]TopicMastery, 0, len(by))
	for _, t := range by {
		t.Retrievability = round3(t.Retrievability / float64(t.Reviewed))
		out = append(out, *t)
	}
	return out
}

// weakest sorts topics by retrievability, lowest first (then by topic), and keeps n (all
// when n < 0).
func weakest(ts []TopicMastery, n int) []TopicMastery {
	slices.SortFunc(ts, func(a, b TopicMastery) int {
		return cmp.Or(cmp.Compare(a.Retrievability, b.Retrievability), cmp.Compare(a.Topic, b.Topic))
	})
	if n >= 0 && len(ts) > n {
		ts = ts[:n]
	}
	if ts == nil {
		ts = []TopicMastery{}
	}
	return ts
}

// load counts due items per local day for ForecastDays days (of one user when user is set).
func load(mem map[int64][]store.ClassMemoryRow, now time.Time, loc *time.Location, user *int64) []DayLoad {
	today := clock.Day(now, loc)
	out := make([]DayLoad, ForecastDays)
	for i := range out {
		out[i].Day = today.AddDate(0, 0, i).Format(time.DateOnly)
	}
	for id, rows := range mem {
		if user != nil && id != *user {
			continue
		}
		for _, m := range rows {
			i := int(clock.Day(m.Due, loc).Sub(today).Hours() / 24)
			if i < 0 {
				i = 0
			}
			if i < ForecastDays {
				out[i].Count++
			}
		}
	}
	return out
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
