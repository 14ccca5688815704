package loadgen

import (
	"context"
	"testing"
	"time"

	"memora/internal/apitest"
	"memora/internal/store"
)

// TestSubmitOnlyAnswersAsTheServerGrades: the catalogue's atoms carry the answers the
// server's cards mark correct, and a submit_only run (no session opened) is recorded on the
// students' own questions, answered right about as often as correctShare says.
func TestSubmitOnlyAnswersAsTheServerGrades(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		shape := Shape{Students: 6, Records: 40, Sessions: 2, Seed: 5}
		if _, err := Populate(ctx, env.Store, PopulateOptions{Shape: shape, Now: env.Clock.Now()}); err != nil {
			t.Fatal(err)
		}
		cat, err := CatalogFor(shape.Records, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		atoms := map[string]Atom{}
		for _, a := range cat.Atoms {
			atoms[a.QuestionID] = a
		}

		c := &caller{base: env.URL(), hc: newHTTPClient(1), rec: NewRecorder()}
		cookie, err := c.login(ctx, Email(1), Password)
		if err != nil {
			t.Fatal(err)
		}
		r := c.get(ctx, EPReviewSession, Paths[EPReviewSession], cookie, nil, time.Now())
		cards, err := reviewCards(r.body)
		if !r.ok() || err != nil || len(cards) == 0 {
			t.Fatalf("review session: status %d, %d cards, %v", r.status, len(cards), err)
		}
		for _, card := range cards {
			if a, ok := atoms[card.ID]; !ok || a.Correct != card.CorrectAnswer {
				t.Errorf("card %s: server's answer %q, catalogue's %q (known %v)", card.ID, card.CorrectAnswer, a.Correct, ok)
			}
		}

		season := cat.Season
		before := reviewRatings(t, env.Store, season)
		mix, err := ParseMix("submit_only=1")
		if err != nil {
			t.Fatal(err)
		}
		const submits = 30
		rep, err := Run(ctx, RunOptions{URL: env.URL(), Mix: mix, Students: 3, Population: shape.Students, Shape: shape,
			Concurrency: 2, Duration: 20 * time.Second, Requests: submits, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		if e := rep.Endpoint(EPSubmitReview); e.Requests != submits || e.Errors != 0 || e.Skipped != 0 {
			t.Fatalf("submit_only: %+v", e)
		}
		if e := rep.Endpoint(EPReviewSession); e.Requests != 0 {
			t.Fatalf("submit_only opened %d review sessions", e.Requests)
		}
		after := reviewRatings(t, env.Store, season)
		answered, right := after.total-before.total, after.right-before.right
		if answered != submits*floorAnswers {
			t.Fatalf("%d reviews recorded, want %d", answered, submits*floorAnswers)
		}
		if share := float64(right) / float64(answered); share < 0.65 || share > 0.95 {
			t.Fatalf("%d of %d answers graded right (%.2f), want about %.1f", right, answered, share, correctShare)
		}

		// The floor makes its requests as the run does: a submit action opens its session
		// first (one due list per submission), a submit_only action does not.
		for _, tc := range []struct {
			mix          string
			reviewsEqual bool
		}{{"submit=1", true}, {"submit_only=1", false}} {
			m, _ := ParseMix(tc.mix)
			floor, err := RunFloor(ctx, FloorOptions{RunOptions: RunOptions{Mix: m, Students: 3, Population: shape.Students,
				Shape: shape, Concurrency: 2, Duration: 20 * time.Second, Requests: 40, Seed: 5}, Store: env.Store,
				Now: env.Clock.Now()})
			if err != nil {
				t.Fatal(err)
			}
			// At the end of the request budget each of the 2 students in flight may have
			// opened a session it could not submit.
			reviews, submits := floor.Endpoint(EPFloorReview), floor.Endpoint(EPFloorSubmit)
			lo, hi := int64(0), int64(0)
			if tc.reviewsEqual {
				lo, hi = submits.Requests, submits.Requests+2
			}
			if submits.Requests == 0 || reviews.Requests < lo || reviews.Requests > hi || reviews.Errors+submits.Errors != 0 {
				t.Fatalf("floor of %s: %d due lists and %d submissions (errors %d, %d)", tc.mix, reviews.Requests,
					submits.Requests, reviews.Errors, submits.Errors)
			}
		}
	})
}

type ratings struct{ total, right int }

// reviewRatings counts the loadgen institution's reviews of season, and those not rated
// Again (a wrong answer is rated Again).
func reviewRatings(t *testing.T, st store.Store, season string) ratings {
	t.Helper()
	var out ratings
	p := store.ReviewLogFitPageParams{InstitutionID: Institution, SeasonID: season, Limit: 1000}
	for {
		rows, err := st.ReviewLogFitPage(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out.total++
			if r.Rating > 1 {
				out.right++
			}
		}
		if len(rows) < p.Limit {
			return out
		}
		last := rows[len(rows)-1]
		p.AfterUserID, p.AfterID = last.UserID, last.ID
	}
}
