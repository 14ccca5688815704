package loadgen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"time"
)

// vstudent is a virtual student: a logged-in session and what it is in the middle of.
type vstudent struct {
	n         int
	cookie    string
	rng       *rand.Rand
	completed int          // free lessons completed in the population (a prefix of the catalogue's)
	cards     []reviewCard // the review session fetched last and not yet submitted
	seq       int          // sessions submitted, for unique session ids
	held      []int32      // submit_only: the student's questions (indexes into the catalogue's atoms)
	floorOpen bool         // floor runs: the student read its due list and has not submitted since
	userID    int64        // floor runs only
	targets   targets      // what the student may open, found at login when the mix needs it
}

type reviewCard struct {
	ID            string   `json:"id"`
	Options       []string `json:"options"`
	CorrectAnswer string   `json:"correct_answer"`
}

// correctShare is how often a virtual student answers right.
const correctShare = 0.8

var leaderboardPeriods = []string{"all_time", "weekly", "daily", "monthly"}

// act performs one action of s; since is when it was due.
func (d *driver) act(ctx context.Context, s *vstudent, a Action, since time.Time) {
	switch a {
	case ActReview:
		d.review(ctx, s, since)
	case ActSubmit:
		d.submitReview(ctx, s, since)
	case ActSubmitOnly:
		d.submitOnly(ctx, s, since)
	case ActMap:
		params := url.Values{}
		if s.rng.IntN(10) < 3 {
			params.Set("subject", d.cat.Subjects[s.rng.IntN(len(d.cat.Subjects))])
		}
		d.get(ctx, s, EPMap, params, since)
	case ActProfile:
		d.get(ctx, s, EPProfile, nil, since)
	case ActQuests:
		d.get(ctx, s, EPQuests, nil, since)
	case ActLeaderboard:
		d.get(ctx, s, EPLeaderboard, url.Values{"period": {leaderboardPeriods[s.rng.IntN(len(leaderboardPeriods))]}}, since)
	case ActLesson:
		d.lesson(ctx, s, since)
	default:
		if a.IsPage() {
			d.page(ctx, s, a, since)
		}
	}
}

func (d *driver) get(ctx context.Context, s *vstudent, endpoint string, params url.Values, since time.Time) reply {
	if !d.budget.take() {
		return reply{}
	}
	return d.call.get(ctx, endpoint, Paths[endpoint], s.cookie, params, since)
}

func (d *driver) post(ctx context.Context, s *vstudent, endpoint string, body any, since time.Time) reply {
	if !d.budget.take() {
		return reply{}
	}
	return d.call.post(ctx, endpoint, Paths[endpoint], s.cookie, body, since)
}

// review opens a general review session and keeps its cards for the next submission.
func (d *driver) review(ctx context.Context, s *vstudent, since time.Time) {
	r := d.get(ctx, s, EPReviewSession, nil, since)
	if !r.ok() {
		return
	}
	cards, err := reviewCards(r.body)
	if err != nil {
		d.call.rec.Fail(EPReviewSession, "review session: "+err.Error())
		return
	}
	s.cards = cards
	if len(s.cards) == 0 {
		d.call.rec.Empty(EPReviewSession)
	}
}

// reviewCards decodes a get_review_session answer.
func reviewCards(body []byte) ([]reviewCard, error) {
	var session struct {
		Questions []reviewCard `json:"questions"`
	}
	err := message(body, &session)
	return session.Questions, err
}

// submitReview answers the pending cards (opening a session first when there are none):
// right with probability correctShare, in 1.5–7.5 s each.
func (d *driver) submitReview(ctx context.Context, s *vstudent, since time.Time) {
	if len(s.cards) == 0 {
		d.review(ctx, s, since)
		since = time.Now()
	}
	if len(s.cards) == 0 {
		d.call.rec.Skip(EPSubmitReview)
		return
	}
	answers := make([]reviewAnswer, len(s.cards))
	for i, c := range s.cards {
		answers[i] = reviewAnswer{QuestionID: c.ID, Answer: pickAnswer(s.rng, c), TimeSpentMs: 1500 + s.rng.IntN(6000)}
	}
	s.seq++
	body := newReviewSubmission(answers, d.sessionID(s, "r"))
	s.cards = nil
	d.post(ctx, s, EPSubmitReview, body, since)
}

// reviewSubmission is submit_review_session's body (a struct, not maps: the load generator
// shares the server's cores, so its own encoding counts).
type reviewSubmission struct {
	SessionData struct {
		Answers     []reviewAnswer `json:"answers"`
		SessionMeta struct {
			SessionID string `json:"session_id"`
		} `json:"session_meta"`
	} `json:"session_data"`
}

type reviewAnswer struct {
	QuestionID  string `json:"question_id"`
	Answer      any    `json:"answer"`
	TimeSpentMs int    `json:"time_spent_ms"`
}

func newReviewSubmission(answers []reviewAnswer, sessionID string) *reviewSubmission {
	var b reviewSubmission
	b.SessionData.Answers, b.SessionData.SessionMeta.SessionID = answers, sessionID
	return &b
}

// submitOnly answers floorAnswers of the student's own questions without opening a session:
// those at the positions the floor's submission writes (the seq-th run of floorAnswers in
// population order, wrapping), right with probability correctShare.
func (d *driver) submitOnly(ctx context.Context, s *vstudent, since time.Time) {
	if len(s.held) == 0 {
		d.call.rec.Skip(EPSubmitReview) // an existing account: its questions are not known
		return
	}
	s.seq++
	n := min(floorAnswers, len(s.held))
	answers := make([]reviewAnswer, n)
	for i := range n {
		a := d.cat.Atoms[s.held[(s.seq*floorAnswers+i)%len(s.held)]]
		answer := a.Correct
		if s.rng.Float64() >= correctShare {
			answer = wrongAnswer
		}
		answers[i] = reviewAnswer{QuestionID: a.QuestionID, Answer: answer, TimeSpentMs: 1500 + s.rng.IntN(6000)}
	}
	d.post(ctx, s, EPSubmitReview, newReviewSubmission(answers, d.sessionID(s, "o")), since)
}

// wrongAnswer is what a student of submit_only sends when answering wrong: no question's answer.
const wrongAnswer = "(loadgen: wrong answer)"

// atomIndex is the position of each question in cat.Atoms.
func atomIndex(cat *Catalog) map[string]int32 {
	index := make(map[string]int32, len(cat.Atoms))
	for i, a := range cat.Atoms {
		index[a.QuestionID] = int32(i)
	}
	return index
}

// heldAtoms are student n's questions in population order, as positions in cat.Atoms (index).
func heldAtoms(shape Shape, cat *Catalog, index map[string]int32, n int) []int32 {
	g := newGenerator(shape, cat, time.Now(), time.UTC) // which questions a student holds does not depend on the clock
	memory := g.memory(studentRand(shape.Seed, n), 0)
	out := make([]int32, len(memory))
	for i, m := range memory {
		out[i] = index[m.QuestionID]
	}
	return out
}

func pickAnswer(rng *rand.Rand, c reviewCard) string {
	if rng.Float64() < correctShare || len(c.Options) < 2 {
		return c.CorrectAnswer
	}
	for {
		if o := c.Options[rng.IntN(len(c.Options))]; o != c.CorrectAnswer {
			return o
		}
	}
}

// sessionID is unique per run, student and session, so retries of other runs never collide.
func (d *driver) sessionID(s *vstudent, kind string) string {
	return fmt.Sprintf("lg-%s-%d-%s%d", d.runID, s.n, kind, s.seq)
}

// lesson replays one of the student's completed lessons: details, then the answers.
// A student of --accounts plays one of the lessons its map opens (found at login).
func (d *driver) lesson(ctx context.Context, s *vstudent, since time.Time) {
	l := d.cat.FreeLessons[s.rng.IntN(min(max(s.completed, 1), len(d.cat.FreeLessons)))]
	if d.accounts {
		if len(s.targets.lessons) == 0 {
			d.call.rec.Skip(EPLessonDetails)
			return
		}
		l = Lesson{ID: s.targets.lessons[s.rng.IntN(len(s.targets.lessons))]}
	}
	started := time.Now()
	r := d.get(ctx, s, EPLessonDetails, url.Values{"lesson_id": {l.ID}}, since)
	if !r.ok() {
		return
	}
	var details lessonDetails
	if err := message(r.body, &details); err != nil {
		d.call.rec.Fail(EPLessonDetails, "lesson details: "+err.Error())
		return
	}
	s.seq++
	body := map[string]any{
		"session_meta": map[string]any{"lesson_id": l.ID, "session_id": d.sessionID(s, "l"),
			"start_timestamp": started.UTC().Format(time.RFC3339), "end_timestamp": time.Now().UTC().Format(time.RFC3339),
			"device_info": "memora-loadgen"},
		"gamification_results": map[string]any{"xp_earned": 0, "gems_collected": 0},
		"interactions":         playStages(s.rng, details.Stages),
	}
	d.post(ctx, s, EPSubmitSession, body, time.Now())
}
