package importer

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func minimal(t *testing.T) *File {
	t.Helper()
	r, err := os.Open("testdata/minimal.json")
	require.NoError(t, err)
	defer r.Close()
	f, err := Parse(r)
	require.NoError(t, err)
	return f
}

func TestMinimalFileIsValid(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	require.NoError(t, f.Validate())
	require.Len(t, f.Lessons, 1)
	require.Len(t, f.Lessons[0].Stages, 3)
	require.Equal(t, 36, f.Lessons[0].Reward())
	require.True(t, f.Seasons[0].RedisEnabled())
	require.Equal(t, "fsrs", f.Seasons[0].SchedulerOrDefault())
	require.Equal(t, 0.9, f.Seasons[0].RetentionOrDefault())
	require.True(t, f.Topics[0].Linear())
	require.True(t, f.Plans[0].Subjects[0].Mandatory())
	require.Equal(t, AllUnits, f.Plans[0].Subjects[0].Selection())
	require.Equal(t, DefaultHearts, f.Players[0].HeartsOrDefault())
	require.Equal(t, int64(0), *f.SalesItems[0].DiscountedPriceCents)
}

// problems returns the lines of a validation error, without the leading ErrInvalid line.
func problems(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, ErrInvalid))
	lines := strings.Split(err.Error(), "\n")
	require.Equal(t, ErrInvalid.Error(), lines[0])
	return lines[1:]
}

func TestBadStageConfigIsRefusedByName(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	f.Lessons[0].Stages[2].Config = json.RawMessage(`{"question":"q","options":["a","b","c","d"],"correct_index":5}`)
	require.Equal(t, []string{
		`lessons[0] "science-planets-1": stages[2] "science-planets-1-s3": quiz config: correct_index 5 is out of range (4 options)`,
	}, problems(t, f.Validate()))
}

func TestDanglingReferenceIsRefusedByName(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	f.Units[0].Track = "science-t9"
	require.Equal(t, []string{`units[0] "science-u1": track "science-t9" does not exist`}, problems(t, f.Validate()))
}

func TestKnownRowsSatisfyReferences(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	f.Units[0].Track = "science-t9"
	known := func(kind, id string) bool { return kind == KindTrack && id == "science-t9" }
	require.NoError(t, f.ValidateAgainst(known))
}

func TestEveryProblemIsReported(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	f.Seasons[0].EndDate = "2026-02-30"
	f.Users[0].Roles = []string{"Student", "Janitor"}
	f.Players[0].Sessions[0].PlayedAt = "yesterday"
	got := problems(t, f.Validate())
	require.Equal(t, []string{
		`seasons[0] "SEASON-2026": end_date "2026-02-30" is not a date (YYYY-MM-DD)`,
		`users[0] "pupil@tiny.memora.test": role "Janitor" is not one of Student, Teacher, Content Manager, Institution Admin, System Manager`,
		`players[0] "pupil@tiny.memora.test": sessions[0] "tiny-1": played_at "yesterday": not an RFC 3339 time, nor a relative time such as "now-2d"`,
	}, got)
}

func TestValidationRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		mutate func(f *File)
		want   string
	}{
		{"duplicate id", func(f *File) { f.Subjects = append(f.Subjects, f.Subjects[0]) },
			`subjects[1] "science": duplicate id (first defined at subjects[0])`},
		{"empty id", func(f *File) { f.Grades[0].ID = "" }, `grades[0] "": id is empty`},
		{"duplicate stage id", func(f *File) { f.Lessons[0].Stages[1].ID = "science-planets-1-s1" },
			`lessons[0] "science-planets-1": stages[1] "science-planets-1-s1": duplicate stage id (first defined at lessons[0] "science-planets-1": stages[0] "science-planets-1-s1")`},
		{"colon in stage id", func(f *File) { f.Lessons[0].Stages[0].ID = "a:b" },
			`lessons[0] "science-planets-1": stages[0] "a:b": id contains ":" (reserved for "<stage>:<index>" question ids)`},
		{"unknown stage type", func(f *File) { f.Lessons[0].Stages[0].Type = "story" },
			`lessons[0] "science-planets-1": stages[0] "science-planets-1-s1": unknown stage type "story" (want one of reveal, matching, quiz, video, reading)`},
		{"topic required", func(f *File) { f.Lessons[0].Topic = "" },
			`lessons[0] "science-planets-1": topic is required: unit "science-u1" is topic_based`},
		{"topic of another unit", func(f *File) {
			f.Units = append(f.Units, Unit{ID: "science-u2", Subject: "science", Track: "science-main", Title: "u2", StructureType: TopicBased})
			f.Topics[0].Unit = "science-u2"
		}, `lessons[0] "science-planets-1": topic "science-t1" belongs to unit "science-u2", not "science-u1"`},
		{"topic in lesson based unit", func(f *File) {
			f.Units = append(f.Units, Unit{ID: "science-u2", Subject: "science", Track: "science-main", Title: "u2", StructureType: LessonBased})
			f.Lessons[0].Unit = "science-u2"
		}, `lessons[0] "science-planets-1": topic must be empty: unit "science-u2" is lesson_based`},
		{"unit required", func(f *File) { f.Lessons[0].Unit = "" }, `lessons[0] "science-planets-1": unit is required`},
		{"duplicate title", func(f *File) {
			l := f.Lessons[0]
			l.ID, l.Stages = "science-planets-2", nil
			f.Lessons = append(f.Lessons, l)
		}, `lessons[1] "science-planets-2": title "كواكب المجموعة الشمسية" is already used by lessons[0] "science-planets-1"`},
		{"published lesson without stages", func(f *File) { f.Lessons[0].Stages = nil },
			`lessons[0] "science-planets-1": a published lesson needs at least one stage`},
		{"structure type", func(f *File) { f.Units[0].StructureType = "Topic Based" },
			`units[0] "science-u1": structure_type "Topic Based" is not one of topic_based, lesson_based`},
		{"track of another subject", func(f *File) {
			f.Subjects = append(f.Subjects, Subject{ID: "math", Title: "رياضيات"})
			f.Units[0].Subject = "math"
		}, `units[0] "science-u1": track "science-main" belongs to subject "science", not "math"`},
		{"sold separately needs paid", func(f *File) { f.Tracks[0].IsSoldSeparately = true },
			`tracks[0] "science-main": is_sold_separately requires is_paid`},
		{"season id", func(f *File) {
			f.Seasons[0].ID = "2026"
			f.Plans[0].Season, f.SalesItems[0].Season = "2026", "2026"
			f.Subscriptions[0].Season, f.Players[0].Season = "2026", "2026"
			f.Players[0].Memory = nil
		}, `seasons[0] "2026": id must look like SEASON-2026 (or SEASON-2026-suffix)`},
		{"season order", func(f *File) { f.Seasons[0].EndDate = "2026-08-01" },
			`seasons[0] "SEASON-2026": end_date 2026-08-01 is before start_date 2026-09-01`},
		{"scheduler", func(f *File) { f.Seasons[0].Scheduler = "sm2" },
			`seasons[0] "SEASON-2026": scheduler "sm2" is not one of fsrs, classic`},
		{"retention", func(f *File) { f.Seasons[0].DesiredRetention = 0.99 },
			`seasons[0] "SEASON-2026": desired_retention 0.99 is outside 0.70–0.97`},
		{"two active seasons", func(f *File) {
			f.Seasons = append(f.Seasons, Season{ID: "SEASON-2027", StartDate: "2027-09-01", EndDate: "2028-06-30", IsActive: true})
		}, `seasons[1] "SEASON-2027": is_active: season "SEASON-2026" is already the active season`},
		{"time zone", func(f *File) { f.Institutions[0].TimeZone = "Amman" },
			`institutions[0] "tiny-school": time_zone "Amman" is not an IANA time zone`},
		{"currency", func(f *File) { f.Institutions[0].Currency = "Dinar" },
			`institutions[0] "tiny-school": Unknown currency 'Dinar': use an ISO 4217 code such as JOD, SAR, IQD or USD`},
		{"payment note", func(f *File) { f.Institutions[0].PaymentNoteEn = strings.Repeat("x", 1001) },
			`institutions[0] "tiny-school": The English payment instructions are too long: at most 1000 characters`},
		{"stream not of grade", func(f *File) {
			f.Streams = []Stream{{ID: "scientific", Title: "علمي"}}
			f.Plans[0].Stream = "scientific"
		}, `plans[0] "plan-grade-7-2026": stream "scientific" is not a stream of grade "grade-7"`},
		{"stream required", func(f *File) {
			f.Streams = []Stream{{ID: "scientific", Title: "علمي"}}
			f.Grades[0].Streams = []string{"scientific"}
			f.Players[0].Stream = "scientific"
		}, `plans[0] "plan-grade-7-2026": stream is required: grade "grade-7" has streams [scientific]`},
		{"specific unit missing", func(f *File) { f.Plans[0].Subjects[0].SelectionType = SpecificUnit },
			`plans[0] "plan-grade-7-2026": subjects[0]: specific_unit is required`},
		{"plan key", func(f *File) {
			p := f.Plans[0]
			p.ID = "plan-2"
			f.Plans = append(f.Plans, p)
		}, `plans[1] "plan-2": plans[0] already covers this institution, grade, stream and season`},
		{"discount above price", func(f *File) { *f.SalesItems[0].DiscountedPriceCents = 2000 },
			`sales_items[0] "item-science": discounted_price_cents 2000 is above price_cents 1000`},
		{"empty bundle", func(f *File) { f.SalesItems[0].Bundle = nil },
			`sales_items[0] "item-science": bundle is empty: the item would grant nothing`},
		{"bundle shape", func(f *File) { f.SalesItems[0].Bundle[0].Track = "science-main" },
			`sales_items[0] "item-science": bundle[0]: track must be empty for type subject`},
		{"bad email", func(f *File) {
			f.Users[0].Email = "Pupil <pupil@tiny.memora.test>"
			f.Subscriptions = nil
			f.Players = nil
		},
			`users[0] "Pupil <pupil@tiny.memora.test>": email "Pupil <pupil@tiny.memora.test>" is not a valid address`},
		{"upper-case email", func(f *File) { f.Users[0].Email = "Pupil@tiny.memora.test"; f.Subscriptions = nil; f.Players = nil },
			`users[0] "Pupil@tiny.memora.test": email "Pupil@tiny.memora.test" must be lower-case`},
		{"duplicate email", func(f *File) { f.Users = append(f.Users, f.Users[0]) },
			`users[1] "pupil@tiny.memora.test": duplicate id (first defined at users[0])`},
		{"no roles", func(f *File) { f.Users[0].Roles = nil },
			`users[0] "pupil@tiny.memora.test": roles: at least one role is required`},
		{"subscription user", func(f *File) { f.Subscriptions[0].User = "ghost@tiny.memora.test" },
			`subscriptions[0] "ghost@tiny.memora.test": user "ghost@tiny.memora.test" does not exist`},
		{"specific without access", func(f *File) { f.Subscriptions[0].Access = nil },
			`subscriptions[0] "pupil@tiny.memora.test": access: a specific subscription needs at least one subject or track`},
		{"global with subject", func(f *File) { f.Subscriptions[0].Type = SubscriptionGlobal },
			`subscriptions[0] "pupil@tiny.memora.test": access[0]: type "subject" is not one of global`},
		{"two profiles", func(f *File) { f.Players = append(f.Players, Player{User: "pupil@tiny.memora.test"}) },
			`players[1] "pupil@tiny.memora.test": players[0] is the same user: one player profile per user`},
		{"scores above total", func(f *File) { f.Players[0].SubjectScores[0].TotalXP = 99 },
			`players[0] "pupil@tiny.memora.test": subject_scores add up to 99 XP, more than total_xp 36`},
		{"lesson session without lesson", func(f *File) { f.Players[0].Sessions[0].Lesson = "" },
			`players[0] "pupil@tiny.memora.test": sessions[0] "tiny-1": lesson is required`},
		{"memory on unknown stage", func(f *File) { f.Players[0].Memory[0].QuestionID = "nope:1" },
			`players[0] "pupil@tiny.memora.test": memory[0] "nope:1": stage "nope" does not exist`},
		{"memory index out of range", func(f *File) { f.Players[0].Memory[0].QuestionID = "science-planets-1-s1:3" },
			`players[0] "pupil@tiny.memora.test": memory[0] "science-planets-1-s1:3": stage "science-planets-1-s1" has 1 items, index 3 is out of range`},
		{"memory index on quiz", func(f *File) { f.Players[0].Memory[1].QuestionID = "science-planets-1-s3:0" },
			`players[0] "pupil@tiny.memora.test": memory[1] "science-planets-1-s3:0": stage "science-planets-1-s3" is a quiz stage: its question id takes no index`},
		{"memory index form", func(f *File) { f.Players[0].Memory[0].QuestionID = "science-planets-1-s1:00" },
			`players[0] "pupil@tiny.memora.test": memory[0] "science-planets-1-s1:00": question_id index "00" is not a non-negative integer`},
		{"memory repeated", func(f *File) { f.Players[0].Memory[1] = f.Players[0].Memory[0] },
			`players[0] "pupil@tiny.memora.test": memory[1] "science-planets-1-s1:0": repeats memory[0] (same season and question)`},
		{"memory state", func(f *File) { f.Players[0].Memory[0].State = 4 },
			`players[0] "pupil@tiny.memora.test": memory[0] "science-planets-1-s1:0": state 4 is not 0 (new), 1 (learning), 2 (review) or 3 (relearning)`},
		{"memory due before review", func(f *File) { f.Players[0].Memory[0].Due = "2026-11-20T00:00:00Z" },
			`players[0] "pupil@tiny.memora.test": memory[0] "science-planets-1-s1:0": due 2026-11-20T00:00:00Z is before last_review 2026-11-24T17:30:00+03:00`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := minimal(t)
			c.mutate(f)
			require.Contains(t, problems(t, f.Validate()), c.want)
		})
	}
}

func TestProblemsAreCapped(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	for range maxProblems + 5 {
		f.Streams = append(f.Streams, Stream{})
	}
	got := problems(t, f.Validate())
	require.Len(t, got, maxProblems+1)
	require.Contains(t, got[maxProblems], "more problems")
}
