package loadgen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// FloorOptions are a floor run: the same driver settings as the real run, against the same
// database and Redis.
type FloorOptions struct {
	RunOptions
	Store FloorStore
	Redis redis.UniversalClient // nil: the due list comes from the database, as in the embedded mode
	// Now is the server's clock: the floor writes states back relative to it (zero: time.Now()).
	Now time.Time
}

// RunFloor measures the floor of the two hot paths with the driver and load of opt.
func RunFloor(ctx context.Context, opt FloorOptions) (*Report, error) {
	if err := opt.checkLoad(); err != nil {
		return nil, err
	}
	cat, err := CatalogFor(opt.Shape.Records, time.Now())
	if err != nil {
		return nil, err
	}
	srv, err := StartFloor(opt.Store, opt.Redis, cat.Season)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	d := &driver{call: &caller{base: srv.URL, hc: newHTTPClient(max(opt.Concurrency, opt.MaxInFlight)), rec: NewRecorder()},
		cat: cat, mix: floorMix(opt.Mix), budget: newBudget(opt.Requests)}
	d.perform = d.floorAct
	defer d.call.hc.CloseIdleConnections()
	if err := d.floorStudents(ctx, opt, cat, srv); err != nil {
		return nil, err
	}
	rep := &Report{Name: "floor", Mix: d.mix.String(), Students: len(d.pool)}
	rep.Elapsed = d.drive(ctx, opt.RunOptions, rep)
	rep.Endpoints, rep.Total = d.call.rec.Snapshot(rep.Elapsed)
	return rep, nil
}

// floorMix keeps the run's proportion of reviews, submissions and submissions alone (2:1
// reviews to submissions when it has none of them).
func floorMix(m Mix) Mix {
	review, submit, only := m.Weight(ActReview), m.Weight(ActSubmit), m.Weight(ActSubmitOnly)
	if review+submit+only == 0 {
		review, submit = 2, 1
	}
	var parts []string
	for _, w := range []struct {
		a Action
		n int
	}{{ActReview, review}, {ActSubmit, submit}, {ActSubmitOnly, only}} {
		if w.n > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", w.a, w.n))
		}
	}
	fm, _ := ParseMix(strings.Join(parts, ",")) // weights are positive: cannot fail
	return fm
}

// floorStudents resolves the students' ids and questions (no login: the floor has no auth)
// and makes sure their schedules are in Redis, so the floor never reads an empty key.
func (d *driver) floorStudents(ctx context.Context, opt FloorOptions, cat *Catalog, srv *FloorServer) error {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	gen := newGenerator(opt.Shape, cat, now, institutionZone())
	d.pool = make(chan *vstudent, opt.Students)
	for i := range opt.Students {
		n := opt.studentNumber(i)
		u, err := opt.Store.UserGetByEmail(ctx, Email(n))
		if err != nil {
			return fmt.Errorf("floor: student %s (populate first): %w", Email(n), err)
		}
		srv.addStudent(u.ID, gen.student(n, u.ID).Memory)
		s := &vstudent{n: n, userID: u.ID, rng: rand.New(rand.NewPCG(opt.Seed, uint64(n)))}
		if err := warmIfCold(ctx, opt, u.ID, cat.Season); err != nil {
			return err
		}
		d.pool <- s
	}
	return nil
}

func warmIfCold(ctx context.Context, opt FloorOptions, userID int64, season string) error {
	if opt.Redis == nil {
		return nil
	}
	key := ScheduleKey(userID, season)
	if n, err := opt.Redis.Exists(ctx, key).Result(); err != nil || n > 0 {
		return err
	}
	items, err := opt.Store.ReviewScheduleLoad(ctx, userID, season)
	if err != nil || len(items) == 0 {
		return err
	}
	members := make([]redis.Z, len(items))
	for i, it := range items {
		members[i] = redis.Z{Score: float64(it.Due.Unix()), Member: it.QuestionID}
	}
	pipe := opt.Redis.Pipeline()
	pipe.ZAdd(ctx, key, members...)
	pipe.Expire(ctx, key, ScheduleTTL)
	_, err = pipe.Exec(ctx)
	return err
}

// floorAct is one floor request as the real run's action makes it (act): the due list, or a
// submission of 15 of the student's questions, after the due list when the student has no
// session open (a submit action of the real run opens one first; submit_only never does).
func (d *driver) floorAct(ctx context.Context, s *vstudent, a Action, since time.Time) {
	if a == ActReview || (a == ActSubmit && !s.floorOpen) {
		if !d.budget.take() {
			return
		}
		d.call.get(ctx, EPFloorReview, "/floor/review_session", "", url.Values{"user": {strconv.FormatInt(s.userID, 10)}}, since)
		s.floorOpen = true
		if a == ActReview {
			return
		}
		since = time.Now()
	}
	if !d.budget.take() {
		return
	}
	s.floorOpen = false
	s.seq += floorAnswers
	d.call.post(ctx, EPFloorSubmit, "/floor/submit", "", floorSubmission{User: s.userID, From: s.seq}, since)
}
