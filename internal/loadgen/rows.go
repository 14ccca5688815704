package loadgen

import (
	"strconv"
	"time"

	"memora/internal/store"
)

// codec turns times, dates and flags into what an engine's driver takes: time.Time for
// pgx, Unix microseconds, YYYY-MM-DD text and 0/1 for SQLite (the store's conventions).
type codec struct {
	time func(time.Time) any
	date func(time.Time) any
	flag func(bool) any
	json func(string) any
	// small converts SMALLINT values (pgx's binary COPY wants int16).
	small func(int) any
}

var pgCodec = codec{
	time:  func(t time.Time) any { return t.UTC() },
	date:  func(t time.Time) any { return t },
	flag:  func(b bool) any { return b },
	json:  func(s string) any { return []byte(s) },
	small: func(v int) any { return int16(v) },
}

var liteCodec = codec{
	time: func(t time.Time) any { return t.UnixMicro() },
	date: func(t time.Time) any { return t.Format(time.DateOnly) },
	flag: func(b bool) any {
		if b {
			return 1
		}
		return 0
	},
	json:  func(s string) any { return s },
	small: func(v int) any { return v },
}

// population is what every row of a population shares.
type population struct {
	cat          *Catalog
	institution  string
	passwordHash string
	now          time.Time
}

// count is how many rows of table t (an index of bulkTables) student s has.
func (p *population) count(t int, s *Student) int {
	switch bulkTables[t].name {
	case "player_subject_scores":
		return len(s.Scores)
	case "gameplay_sessions", "xp_ledger":
		return len(s.Sessions)
	case "memory_state":
		return len(s.Memory)
	}
	return 1
}

// row is the i-th row of table t of student s, built in buf (reused: the caller consumes it
// before asking for the next row).
func (p *population) row(t int, s *Student, i int, c codec, buf []any) []any {
	buf = buf[:0]
	switch bulkTables[t].name {
	case "users":
		return append(buf, s.UserID, p.institution, s.Email, fullName(s.N), p.passwordHash, c.flag(true), c.time(p.now))
	case "user_roles":
		return append(buf, s.UserID, store.RoleStudent)
	case "player_profiles":
		return append(buf, s.UserID, p.cat.Grade, opt(p.cat.Stream), p.cat.Season, s.TotalXP, 0, 5, c.time(p.now), c.time(p.now))
	case "player_subject_scores":
		return append(buf, s.UserID, s.Scores[i].Subject, s.Scores[i].XP, 1)
	case "gameplay_sessions":
		h := &s.Sessions[i]
		return append(buf, s.UserID, p.institution, h.ClientID, h.Kind, opt(h.LessonID), opt(h.SubjectID), opt(h.TopicID),
			p.cat.Season, h.XP, h.XP, c.date(h.LocalDay), c.json(`{"loadgen":true}`), c.json(`{}`), c.time(h.At))
	case "xp_ledger":
		h := &s.Sessions[i]
		return append(buf, s.UserID, p.institution, opt(h.SubjectID), store.XPFromImport, h.ClientID, h.XP,
			c.date(h.LocalDay), c.time(h.At))
	default: // memory_state
		m := &s.Memory[i]
		return append(buf, m.UserID, m.SeasonID, m.QuestionID, optPtr(m.SubjectID), optPtr(m.TopicID), m.Stability,
			m.Difficulty, c.small(m.State), c.small(m.Step), c.small(m.Level), c.time(m.Due), c.time(*m.LastReview),
			m.Reps, m.Lapses, c.flag(false), c.time(m.CreatedAt), c.time(m.UpdatedAt))
	}
}

func opt(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func optPtr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// rowsPerStudent is how many rows a student of the shape writes (for the progress bar).
func rowsPerStudent(shape Shape, cat *Catalog) int {
	return 3 + len(cat.Subjects) + 2*max(shape.Sessions, 1) + min(shape.Records, len(cat.Atoms))
}

func fullName(n int) string { return "طالب الحمل " + strconv.Itoa(n) }
