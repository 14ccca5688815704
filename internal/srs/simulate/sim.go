package simulate

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"memora/internal/srs"
)

// start is simulation day 0: a season starting on 1 September, in a UTC+3
// institution with the product's 04:00 rollover.
var (
	startDate = time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	zone      = time.FixedZone("UTC+3", 3*3600)
)

// Row is one (ground truth, policy) over all students; figures are means per
// student.
type Row struct {
	Truth  Truth
	Policy Policy
	// Reviews and Minutes count review answers only (lessons are the same
	// for every policy and are not counted).
	Reviews float64
	Minutes float64
	// P95DayMinutes is the 95th percentile of review minutes on attended days.
	P95DayMinutes float64
	Introduced    float64
	// Remembered is Σ R_true over introduced items on the last day; Retention
	// is Remembered / Introduced.
	Remembered float64
	Retention  float64
	// Knowledge is Σ R_true over introduced items averaged over the season
	// (sampled weekly at the start of the day), so a scheduler cannot win by
	// timing its reviews just before the last day.
	Knowledge float64
	// MinutesPerRemembered is Minutes / Remembered (the matched-knowledge
	// cost), RecallAtReview the mean R_true at review time (target tracking).
	MinutesPerRemembered float64
	RecallAtReview       float64
	// RecallOnTime is the mean R_true of the reviews done on their due day
	// (not late because of a skipped day, a break or the cap) and scheduled
	// at least 2 days ahead (not held up by the 1-day floor of day-based
	// scheduling, which keeps weak items below the target).
	RecallOnTime float64
	Fits         float64 // weight refits per student (optimized only)
	// With an exam day: mean R_true over introduced items at the start of
	// the exam day, and review minutes spent before it.
	ExamRetention float64
	MinutesToExam float64
}

// Policies are the schedulers a configuration compares under a ground
// truth, in report order (the oracle only under the FSRS truth).
func (c Config) Policies(tr Truth) []Policy {
	ps := []Policy{{Kind: Classic}, {Kind: SM2}}
	for _, dr := range c.Retentions {
		ps = append(ps, Policy{Kind: FSRSDefaults, DR: dr}, Policy{Kind: FSRSOptimized, DR: dr})
		if tr == TruthFSRS && c.Oracle {
			ps = append(ps, Policy{Kind: FSRSOracle, DR: dr})
		}
		if c.ExamDay > 0 {
			ps = append(ps, Policy{Kind: FSRSExam, DR: dr})
		}
	}
	return ps
}

type studentResult struct {
	reviews, introduced, fits int
	minutes, remembered       float64
	recallSum                 float64
	onTime                    int
	onTimeSum                 float64
	examRetention, examMin    float64
	knowledgeSum              float64
	knowledgeN                int
	dayMinutes                []float64
	daily                     []float64 // review minutes on each day (0 when absent)
}

// Run simulates every (truth, policy, student). It stops early with the
// context's error.
func Run(ctx context.Context, cfg Config) ([]Row, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var rows []Row
	for _, tr := range cfg.Truths {
		for _, p := range cfg.Policies(tr) {
			res, err := runAll(ctx, cfg, tr, p)
			if err != nil {
				return nil, err
			}
			rows = append(rows, aggregate(tr, p, res))
		}
	}
	return rows, nil
}

func runAll(ctx context.Context, cfg Config, tr Truth, p Policy) ([]studentResult, error) {
	out := make([]studentResult, cfg.Students)
	next := make(chan int)
	var wg sync.WaitGroup
	errs := make([]error, cfg.Students)
	for range max(cfg.Workers, 1) {
		wg.Go(func() {
			for s := range next {
				out[s], errs[s] = runStudent(cfg, tr, p, s)
			}
		})
	}
	var ctxErr error
	for s := range cfg.Students {
		if ctxErr = ctx.Err(); ctxErr != nil {
			break
		}
		next <- s
	}
	close(next)
	wg.Wait()
	if ctxErr != nil {
		return nil, ctxErr
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// attendance is the student's calendar: 20 % of days skipped and breaks of
// 7–14 days, the same for every policy.
func attendance(cfg Config, student int) []bool {
	att := make([]bool, cfg.Days)
	breakLeft := 0
	for d := range att {
		if breakLeft > 0 {
			breakLeft--
			continue
		}
		if d > 0 && uniform(cfg.Seed, drawBreak, student, d, 0) < cfg.BreakProb {
			breakLeft = 6 + int(8*uniform(cfg.Seed, drawBreak, student, d, 1))
			continue
		}
		att[d] = uniform(cfg.Seed, drawAttend, student, d, 0) >= cfg.SkipProb
	}
	return att
}

func newTruth(cfg Config, tr Truth, student int) truth {
	if tr == TruthHLR {
		return newHLRTruth(cfg.Seed, student, cfg.Items, cfg.Days)
	}
	return newFSRSTruth(cfg.Seed, student, cfg.Items, cfg.ItemSpread, cfg.truthWeights)
}

func newScheduler(cfg Config, w world, p Policy, student int) (scheduler, error) {
	switch p.Kind {
	case Classic:
		return &classicSched{w: w, level: make([]int, cfg.Items)}, nil
	case SM2:
		return &sm2Sched{ef: make([]float64, cfg.Items), ivl: make([]float64, cfg.Items), reps: make([]int, cfg.Items)}, nil
	case FSRSDefaults:
		return newFSRSSched(w, cfg.schedulerWeights, p.DR, cfg.Items, cfg.Days, cfg.Seed, student, nil)
	case FSRSOptimized:
		return newFSRSSched(w, nil, p.DR, cfg.Items, cfg.Days, cfg.Seed, student, cfg.RefitDays)
	case FSRSOracle:
		return newFSRSSched(w, studentWeights(cfg.Seed, student), p.DR, cfg.Items, cfg.Days, cfg.Seed, student, nil)
	case FSRSExam:
		f, err := newFSRSSched(w, nil, p.DR, cfg.Items, cfg.Days, cfg.Seed, student, nil)
		if err != nil {
			return nil, err
		}
		f.examDay, f.examTarget = cfg.ExamDay, cfg.ExamTarget
		return f, nil
	}
	return nil, fmt.Errorf("simulate: unknown policy kind %d", p.Kind)
}

func duration(cfg Config, student, item, k int, correct bool) int {
	list := cfg.Durations.Fail
	if correct {
		list = cfg.Durations.Pass
	}
	return list[int(uniform(cfg.Seed, drawDuration, student, item, k)*float64(len(list)))]
}

// runStudent is one student's season: on each attended day, first the due
// reviews (oldest due first, at most MaxSessions sessions of SessionSize),
// then NewPerDay lessons. The student studies in the evening from a personal
// hour between 16:00 and 23:00, so late sessions run past midnight and still
// count for the evening's learner day (04:00 rollover).
func runStudent(cfg Config, tr Truth, p Policy, student int) (studentResult, error) {
	clock := srs.Clock{Location: zone, RolloverHour: srs.DefaultRolloverHour}
	w := world{clock: clock, base: clock.Day(startDate)}
	sched, err := newScheduler(cfg, w, p, student)
	if err != nil {
		return studentResult{}, err
	}
	truth := newTruth(cfg, tr, student)
	att := attendance(cfg, student)
	hour := 16 + int(8*uniform(cfg.Seed, drawHour, student, 0, 0))
	due := make([]int, cfg.Items)
	count := make([]int, cfg.Items) // answers so far per item (0 = lesson)
	last := make([]int, cfg.Items)  // day of the last answer
	introduced := 0
	var res studentResult
	res.daily = make([]float64, cfg.Days)
	newPerDay := cfg.NewPerDay
	var arrive Arrivals // a forecast's new items to come
	maxItems, backlog := cfg.Items, 0.0
	if cfg.start != nil { // a forecast from live states: the student's items, new ones only as arrivals
		introduced, newPerDay = startFrom(cfg.start[student], w, sched, truth, due, last, count), 0
		if cfg.arrivals != nil {
			arrive = cfg.arrivals[student]
		}
		maxItems = min(cfg.Items, introduced+arrive.Count(cfg.Days))
	}
	var queue []int
	for day := range cfg.Days {
		if cfg.ExamDay > 0 && day == cfg.ExamDay && introduced > 0 {
			sum := 0.0
			for i := range introduced {
				sum += truth.recall(i, day)
			}
			res.examRetention, res.examMin = sum/float64(introduced), res.minutes
		}
		if day%7 == 0 {
			for i := range introduced {
				res.knowledgeSum += truth.recall(i, day)
			}
			res.knowledgeN++
		}
		sched.startDay(day)
		if arrive.PerDay > 0 {
			backlog += arrive.PerDay
		}
		if !att[day] {
			continue
		}
		now := clock.DayStart(w.base + day).Add(time.Duration(hour-srs.DefaultRolloverHour) * time.Hour)
		dayMs := 0
		queue = queue[:0]
		for i := range introduced {
			if due[i] <= day {
				queue = append(queue, i)
			}
		}
		slices.SortStableFunc(queue, func(a, b int) int { return due[a] - due[b] })
		limit := cfg.MaxSessions * cfg.SessionSize
		for n, item := range queue {
			if n == limit {
				break
			}
			if n > 0 && n%cfg.SessionSize == 0 {
				now = now.Add(2 * time.Minute) // between sessions
			}
			pRecall := truth.recall(item, day)
			correct := uniform(cfg.Seed, drawRecall, student, item, count[item]) < pRecall
			ms := duration(cfg, student, item, count[item], correct)
			now = now.Add(time.Duration(ms) * time.Millisecond)
			if due[item] == day && day-last[item] >= 2 {
				res.onTime++
				res.onTimeSum += pRecall
			}
			truth.review(item, day, correct)
			due[item] = sched.review(item, day, now, correct, ms)
			count[item]++
			last[item] = day
			res.reviews++
			res.recallSum += pRecall
			dayMs += ms
		}
		if arrive.PerDay > 0 {
			newPerDay = int(backlog)
			backlog -= float64(newPerDay)
		}
		for range newPerDay {
			if introduced >= maxItems {
				break
			}
			item := introduced
			introduced++
			correct := uniform(cfg.Seed, drawRecall, student, item, 0) < cfg.FirstTryCorrect
			ms := duration(cfg, student, item, 0, correct)
			now = now.Add(time.Duration(ms) * time.Millisecond)
			truth.learn(item, day, correct)
			due[item] = sched.learn(item, day, now, correct, ms)
			count[item]++
			last[item] = day
		}
		res.minutes += float64(dayMs) / 60000
		res.daily[day] = float64(dayMs) / 60000
		res.dayMinutes = append(res.dayMinutes, float64(dayMs)/60000)
	}
	res.introduced = introduced
	for i := range introduced {
		res.remembered += truth.recall(i, cfg.Days)
	}
	if f, ok := sched.(*fsrsSched); ok {
		res.fits = f.fits
	}
	return res, nil
}

func aggregate(tr Truth, p Policy, res []studentResult) Row {
	row := Row{Truth: tr, Policy: p}
	n := float64(len(res))
	reviews, onTime, onTimeSum, fits := 0, 0, 0.0, 0
	var days []float64
	for _, r := range res {
		row.Reviews += float64(r.reviews) / n
		row.Minutes += r.minutes / n
		row.Introduced += float64(r.introduced) / n
		row.Remembered += r.remembered / n
		row.Knowledge += r.knowledgeSum / float64(r.knowledgeN) / n
		fits += r.fits
		row.ExamRetention += r.examRetention / n
		row.MinutesToExam += r.examMin / n
		row.RecallAtReview += r.recallSum
		reviews += r.reviews
		onTime += r.onTime
		onTimeSum += r.onTimeSum
		days = append(days, r.dayMinutes...)
	}
	if reviews > 0 {
		row.RecallAtReview /= float64(reviews)
	}
	row.Fits = float64(fits) / n
	if onTime > 0 {
		row.RecallOnTime = onTimeSum / float64(onTime)
	}
	if len(days) > 0 {
		slices.Sort(days)
		row.P95DayMinutes = days[int(0.95*float64(len(days)-1))]
	}
	if row.Introduced > 0 {
		row.Retention = row.Remembered / row.Introduced
	}
	if row.Remembered > 0 {
		row.MinutesPerRemembered = row.Minutes / row.Remembered
	}
	return row
}
