package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

func (c *checker) checkPlayers() {
	seen := make(map[string]int)
	for i, p := range c.f.Players {
		where := at("players", i, p.User)
		c.checkPlayer(where, p)
		if j, dup := seen[p.User]; dup && p.User != "" {
			c.addf(where, "players[%d] is the same user: one player profile per user", j)
			continue
		}
		seen[p.User] = i
	}
}

func (c *checker) checkPlayer(where string, p Player) {
	c.ref(where, "user", KindUser, p.User, true)
	if c.ref(where, "grade", KindGrade, p.Grade, false) {
		c.checkGradeStream(where, p.Grade, p.Stream)
	} else if p.Grade == "" && p.Stream != "" {
		c.addf(where, "stream %q is set without a grade", p.Stream)
	}
	c.ref(where, "season", KindSeason, p.Season, false)
	c.nonNegative(where, "total_xp", p.TotalXP)
	c.nonNegative(where, "gems", int64(p.Gems))
	c.nonNegative(where, "hearts", int64(p.HeartsOrDefault()))
	c.checkScores(where, p)
	c.checkSessions(where, p)
	c.checkMemory(where, p)
}

// checkScores: subject XP comes out of total XP, so the subjects together cannot exceed it.
func (c *checker) checkScores(where string, p Player) {
	seen := make(map[string]bool, len(p.SubjectScores))
	var sum int64
	for j, s := range p.SubjectScores {
		sw := fmt.Sprintf("%s: subject_scores[%d]", where, j)
		c.ref(sw, "subject", KindSubject, s.Subject, true)
		c.nonNegative(sw, "total_xp", s.TotalXP)
		if seen[s.Subject] {
			c.addf(sw, "subject %q is listed twice", s.Subject)
		}
		seen[s.Subject] = true
		sum += s.TotalXP
	}
	if p.Given("total_xp") && sum > p.TotalXP {
		c.addf(where, "subject_scores add up to %d XP, more than total_xp %d", sum, p.TotalXP)
	}
}

func (c *checker) checkSessions(where string, p Player) {
	ids := make(map[string]int, len(p.Sessions))
	var sum int64
	for j, s := range p.Sessions {
		sw := fmt.Sprintf("%s: %s", where, at("sessions", j, s.ID))
		c.checkSession(sw, s)
		if k, dup := ids[s.ID]; dup && s.ID != "" {
			c.addf(sw, "duplicate session id (first at sessions[%d])", k)
		}
		ids[s.ID] = j
		sum += int64(s.XPEarned)
	}
	if p.Given("total_xp") && sum > p.TotalXP {
		c.addf(where, "sessions earned %d XP, more than total_xp %d", sum, p.TotalXP)
	}
}

func (c *checker) checkSession(where string, s Session) {
	c.required(where, "id", s.ID)
	c.oneOf(where, "kind", s.Kind, false, SessionLesson, SessionReview)
	switch s.Kind {
	case SessionLesson:
		c.ref(where, "lesson", KindLesson, s.Lesson, true)
	case SessionReview:
		c.mustBeEmpty(where, "lesson", s.Lesson, "review")
	}
	c.ref(where, "subject", KindSubject, s.Subject, false)
	c.ref(where, "topic", KindTopic, s.Topic, false)
	c.ref(where, "season", KindSeason, s.Season, false)
	c.nonNegative(where, "xp_earned", int64(s.XPEarned))
	c.nonNegative(where, "score", int64(s.Score))
	c.timestamp(where, "played_at", s.PlayedAt, true)
}

// timestamp parses an RFC 3339 field, or a relative time ("now-2d"). Without a clock, a relative time is
// placed relative to the zero time: two relative times compare correctly with each other, not with an
// absolute one (sameForm says when a comparison means something).
func (c *checker) timestamp(where, field, value string, required bool) (time.Time, bool) {
	if value == "" {
		if required {
			c.addf(where, "%s is required", field)
		}
		return time.Time{}, false
	}
	t, err := parseTime(value, time.Time{})
	if err != nil {
		c.addf(where, "%s %q: %v", field, value, err)
		return time.Time{}, false
	}
	return t, true
}

// sameForm reports whether two timestamps are both relative or both absolute, so comparing them does not
// depend on when the file is loaded. Apply resolves relative times first, so it compares every pair.
func sameForm(a, b string) bool { return IsRelativeTime(a) == IsRelativeTime(b) }

func (c *checker) checkMemory(where string, p Player) {
	seen := make(map[string]int, len(p.Memory))
	for j, m := range p.Memory {
		mw := fmt.Sprintf("%s: %s", where, at("memory", j, m.QuestionID))
		c.checkMemoryRow(mw, m)
		key := m.Season + "\x00" + m.QuestionID
		if k, dup := seen[key]; dup {
			c.addf(mw, "repeats memory[%d] (same season and question)", k)
			continue
		}
		seen[key] = j
	}
}

func (c *checker) checkMemoryRow(where string, m Memory) {
	c.ref(where, "season", KindSeason, m.Season, true)
	c.checkQuestion(where, m.QuestionID)
	c.ref(where, "subject", KindSubject, m.Subject, false)
	c.ref(where, "topic", KindTopic, m.Topic, false)
	switch {
	case m.Stability < 0:
		c.addf(where, "stability %g is negative", m.Stability)
	case m.Difficulty != 0 && (m.Difficulty < 1 || m.Difficulty > 10):
		c.addf(where, "difficulty %g is outside 1–10 (or 0 when unknown)", m.Difficulty)
	case m.State < 0 || m.State > 3:
		c.addf(where, "state %d is not 0 (new), 1 (learning), 2 (review) or 3 (relearning)", m.State)
	case m.Level < 0 || m.Level > 4:
		c.addf(where, "level %d is outside 1–4 (or 0 to derive it)", m.Level)
	case m.Reps < 0 || m.Lapses < 0 || m.Lapses > m.Reps:
		c.addf(where, "reps %d and lapses %d: want 0 <= lapses <= reps", m.Reps, m.Lapses)
	}
	due, okDue := c.timestamp(where, "due", m.Due, true)
	last, okLast := c.timestamp(where, "last_review", m.LastReview, false)
	if okDue && okLast && sameForm(m.Due, m.LastReview) && due.Before(last) {
		c.addf(where, "due %s is before last_review %s", m.Due, m.LastReview)
	}
}

// checkQuestion: a question id is a scored stage's id, or "<stage id>:<index>" for one highlight of a
// reveal stage or one pair of a matching stage.
func (c *checker) checkQuestion(where, q string) {
	if q == "" {
		c.addf(where, "question_id is required")
		return
	}
	stage, index, hasIndex := strings.Cut(q, ":")
	if !c.ref(where, "stage", KindStage, stage, true) {
		return
	}
	n := -1
	if hasIndex {
		var err error
		if n, err = strconv.Atoi(index); err != nil || n < 0 || strconv.Itoa(n) != index {
			c.addf(where, "question_id index %q is not a non-negative integer", index)
			return
		}
	}
	info, local := c.stages[stage]
	if !local {
		return
	}
	switch {
	case info.atoms == 0 && hasIndex:
		c.addf(where, "stage %q is a %s stage: its question id takes no index", stage, info.typ)
	case n >= info.atoms:
		c.addf(where, "stage %q has %d items, index %d is out of range", stage, info.atoms, n)
	case !info.scored:
		c.addf(where, "stage %q is a %s stage, which is not scored", stage, info.typ)
	}
}
