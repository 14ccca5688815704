package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"memora/internal/apitest"
)

// TestFloorSubmitWritesWhatTheFloorIsDefinedBy: a floor submission writes 15 states and their
// review-log entries and, with Redis, a ZADD per item into the student's schedule (their due
// times kept) and the student's score on the floor's board, which Close deletes.
func TestFloorSubmitWritesWhatTheFloorIsDefinedBy(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		rdb := testRedis(t)
		shape := Shape{Students: 2, Records: 40, Sessions: 1, Seed: 9}
		now := env.Clock.Now()
		if _, err := Populate(ctx, env.Store, PopulateOptions{Shape: shape, Now: now, Redis: rdb, WarmRedis: rdb != nil}); err != nil {
			t.Fatal(err)
		}
		cat, err := CatalogFor(shape.Records, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		u, err := env.Store.UserGetByEmail(ctx, Email(1))
		if err != nil {
			t.Fatal(err)
		}
		memory := newGenerator(shape, cat, now, institutionZone()).student(1, u.ID).Memory
		srv, err := StartFloor(env.Store, rdb, cat.Season)
		if err != nil {
			t.Fatal(err)
		}
		srv.addStudent(u.ID, memory)
		before := reviewRatings(t, env.Store, cat.Season)

		const from, submissions = 7, 3
		for i := range submissions {
			body, _ := json.Marshal(floorSubmission{User: u.ID, From: from})
			resp, err := http.Post(srv.URL+"/floor/submit", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Message struct {
					Processed int   `json:"processed"`
					Rank      int64 `json:"rank"`
				} `json:"message"`
			}
			err = json.NewDecoder(resp.Body).Decode(&got)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK || got.Message.Processed != floorAnswers {
				t.Fatalf("submission %d: status %d, %+v, %v", i, resp.StatusCode, got, err)
			}
		}
		if after := reviewRatings(t, env.Store, cat.Season); after.total-before.total != submissions*floorAnswers {
			t.Fatalf("%d review-log entries written, want %d", after.total-before.total, submissions*floorAnswers)
		}
		if rdb != nil {
			member := strconv.FormatInt(u.ID, 10)
			if score, err := rdb.ZScore(ctx, FloorBoardKey, member).Result(); err != nil || score != submissions*floorXP {
				t.Fatalf("board score %v (%v), want %d", score, err, submissions*floorXP)
			}
			for i := range floorAnswers {
				m := memory[(from+i)%len(memory)]
				score, err := rdb.ZScore(ctx, ScheduleKey(u.ID, cat.Season), m.QuestionID).Result()
				if err != nil || int64(score) != m.Due.Unix() {
					t.Fatalf("schedule of %s: %v (%v), want its due time %d", m.QuestionID, score, err, m.Due.Unix())
				}
			}
		}
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
		if rdb != nil {
			if n, err := rdb.Exists(ctx, FloorBoardKey).Result(); err != nil || n != 0 {
				t.Fatalf("the floor's board outlived Close: %d, %v", n, err)
			}
		}
	})
}
