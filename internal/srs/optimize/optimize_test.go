package optimize

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"memora/internal/srs"
	"memora/internal/srs/revlog"
)

const (
	joshLog    = "../../../testdata/fsrs/review-log-josh.csv"
	goldenFile = "../../../testdata/fsrs/golden.json"
)

func joshHistories(t testing.TB) [][]Review {
	t.Helper()
	f, err := os.Open(joshLog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := revlog.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return Histories(rows, srs.Clock{Location: time.UTC, RolloverHour: srs.DefaultRolloverHour})
}

// randomWeights draws weights inside the bounds, away from the edges so a
// finite difference does not cross a bound.
func randomWeights(rng *rand.Rand) []float64 {
	lo, hi := srs.WeightBounds()
	def := srs.DefaultWeights()
	w := make([]float64, nw)
	for i := range w {
		span := math.Min(hi[i]-lo[i], 2*math.Max(def[i], 0.05))
		v := def[i] + (rng.Float64()-0.5)*span*0.6
		w[i] = math.Min(math.Max(v, lo[i]+0.01*(hi[i]-lo[i])), hi[i]-0.01*(hi[i]-lo[i]))
	}
	return w
}

// randomCards draws histories with same-day repeats, all four grades and
// gaps up to two months.
func randomCards(rng *rand.Rand, n int) [][]Review {
	cards := make([][]Review, n)
	for i := range cards {
		c := make([]Review, 2+rng.IntN(10))
		for j := range c {
			c[j].Rating = srs.Rating(1 + rng.IntN(4))
			if j > 0 && rng.IntN(3) > 0 {
				c[j].Elapsed = 1 + rng.IntN(60)
			}
		}
		cards[i] = c
	}
	return cards
}

func TestModelValuesAgreeWithPackageSRSToTheBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		w := randomWeights(rng)
		p := srs.DefaultParams()
		p.Weights = w
		s, err := srs.NewScheduler(p)
		if err != nil {
			t.Fatal(err)
		}
		m := newModel(w)
		for _, c := range randomCards(rng, 5) {
			mem := s.InitialMemory(c[0].Rating)
			gs, gd := m.initial(c[0].Rating)
			for _, rv := range c[1:] {
				if rv.Elapsed > 0 {
					want := s.RetrievabilityAt(mem.Stability, float64(rv.Elapsed))
					if got := m.retrievability(float64(rv.Elapsed), gs).v; got != want {
						t.Fatalf("trial %d: R %v, srs %v", trial, got, want)
					}
				}
				mem = s.NextMemory(mem, rv.Rating, rv.Elapsed)
				if rv.Elapsed <= 0 {
					gs = m.shortTerm(gs, rv.Rating)
				} else {
					r := m.retrievability(float64(rv.Elapsed), gs)
					if rv.Rating == srs.Again {
						gs = m.forget(gd, gs, r)
					} else {
						gs = m.recall(gd, gs, r, rv.Rating)
					}
				}
				gd = m.nextDifficulty(gd, rv.Rating)
				if gs.v != mem.Stability || gd.v != mem.Difficulty {
					t.Fatalf("trial %d: S %v D %v, srs S %v D %v", trial, gs.v, gd.v, mem.Stability, mem.Difficulty)
				}
			}
		}
	}
}

// The analytic gradient of the total loss against central differences, for
// random weights and histories with every grade and same-day repeats.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	worst := 0.0
	for trial := range 30 {
		w := randomWeights(rng)
		cards := randomCards(rng, 20)
		var grad vec
		newModel(w).totalLoss(cards, &grad)
		for i := range nw {
			h := 1e-6 * math.Max(1, math.Abs(w[i]))
			up, down := slices.Clone(w), slices.Clone(w)
			up[i] += h
			down[i] -= h
			fd := (newModel(up).totalLoss(cards, nil) - newModel(down).totalLoss(cards, nil)) / (2 * h)
			diff := math.Abs(fd - grad[i])
			rel := diff / math.Max(1, math.Abs(fd))
			worst = math.Max(worst, rel)
			if rel > 1e-4 {
				t.Errorf("trial %d: d loss/d w%d analytic %.8g, finite difference %.8g", trial, i, grad[i], fd)
			}
		}
	}
	t.Logf("worst relative gap %.2g", worst)
}

func (m *model) totalLoss(cards [][]Review, grad *vec) float64 {
	sum := 0.0
	for _, c := range cards {
		l, _ := m.cardLoss(c, grad)
		sum += l
	}
	return sum
}

func TestFitIsDeterministicAndStaysInBounds(t *testing.T) {
	cards := joshHistories(t)
	a, err := Fit(cards, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fit(cards, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Weights, b.Weights) {
		t.Fatalf("two fits differ:\n%v\n%v", a.Weights, b.Weights)
	}
	if _, err := srs.MigrateWeights(a.Weights); err != nil {
		t.Fatalf("fitted weights out of bounds: %v", err)
	}
	opts := DefaultOptions()
	opts.Seed = 7
	c, err := Fit(cards, opts)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(a.Weights, c.Weights) {
		t.Error("another seed gave the same weights: the shuffle is not seeded")
	}
	t.Logf("loss %.4f → %.4f on %d reviews; weights %.4f", a.LossBefore, a.LossAfter, a.Scored, a.Weights)
	if !(a.LossAfter < a.LossBefore) {
		t.Errorf("fit did not lower the loss: %.4f → %.4f", a.LossBefore, a.LossAfter)
	}
}

func TestFitClipsToTheBounds(t *testing.T) {
	// Every card forgotten after a day: the descent pushes stabilities down
	// and the forgetting curve steeper, into the lower bounds.
	var cards [][]Review
	for range 300 {
		cards = append(cards, []Review{{Rating: srs.Good}, {Rating: srs.Again, Elapsed: 1}, {Rating: srs.Again, Elapsed: 1}})
	}
	opts := DefaultOptions()
	opts.LearningRate = 0.5
	res, err := Fit(cards, opts)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := srs.WeightBounds()
	atBound := 0
	for i, v := range res.Weights {
		if v < lo[i] || v > hi[i] {
			t.Errorf("w%d = %v out of [%v, %v]", i, v, lo[i], hi[i])
		}
		if v == lo[i] || v == hi[i] {
			atBound++
		}
	}
	if atBound == 0 {
		t.Errorf("no weight reached a bound: %v", res.Weights)
	}
}

func TestFitRejectsBadInput(t *testing.T) {
	if _, err := Fit([][]Review{{{Rating: srs.Good}}}, DefaultOptions()); err == nil {
		t.Error("no cross-day review: no error")
	}
	if _, err := Fit([][]Review{{{Rating: 3}, {Rating: 5, Elapsed: 1}}}, DefaultOptions()); err == nil {
		t.Error("rating 5 accepted")
	}
	if _, err := Fit(randomCards(rand.New(rand.NewPCG(1, 1)), 10), Options{}); err == nil {
		t.Error("zero options accepted")
	}
	opts := DefaultOptions()
	opts.Initial = []float64{1, 2}
	if _, err := Fit(randomCards(rand.New(rand.NewPCG(1, 1)), 10), opts); err == nil {
		t.Error("two initial weights accepted")
	}
}

type golden struct {
	Optimizer struct {
		Parameters []float64 `json:"parameters"`
	} `json:"optimizer_on_review_log_josh"`
}

func readGolden(t *testing.T) golden {
	t.Helper()
	b, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// py-fsrs's optimizer (golden.json) is not reproduced bit for bit: it starts
// from the defaults without pre-training or regularization, counts 24-hour
// days rather than learner days, and cuts batches inside cards. What must
// agree is what the weights mean, with tolerances from the data:
//   - the fit is at least as good on the log as py-fsrs's (log loss, same
//     replay), so our optimizer does not stop short of the reference;
//   - predicted recall on the scored reviews differs by at most 0.03 on
//     average (calibration differences of that size move log loss < 0.005);
//   - every weight the log informs is within half of fsrs-rs's PARAMS_STDDEV
//     (the spread of per-user fits over 10k collections) of py-fsrs's value.
//     w1 (first grade Hard), w3 (first Easy), w15 (Hard: one Hard review in
//     12,580) and w16 (Easy: none) are not informed by this log.
func TestFitOnJoshMatchesPyFSRS(t *testing.T) {
	cards := joshHistories(t)
	ref := readGolden(t).Optimizer.Parameters
	res, err := Fit(cards, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	refLoss, _, err := LogLoss(cards, ref)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("log loss on the whole log: defaults %.4f, py-fsrs fit %.4f, ours %.4f", res.LossBefore, refLoss, res.LossAfter)
	if res.LossAfter > refLoss+0.001 {
		t.Errorf("our fit %.4f is worse than py-fsrs's %.4f", res.LossAfter, refLoss)
	}
	theirs := predictions(cards, ref)
	gap := meanGap(predictions(cards, res.Weights), theirs)
	defGap := meanGap(predictions(cards, srs.DefaultWeights()), theirs)
	t.Logf("mean |R − R py-fsrs| over %d reviews: ours %.4f, defaults %.4f", len(theirs), gap, defGap)
	if gap > 0.03 || gap > defGap/2 {
		t.Errorf("predictions differ by %.4f on average (defaults: %.4f)", gap, defGap)
	}
	uninformed := map[int]bool{1: true, 3: true, 15: true, 16: true}
	for i := range nw {
		z := (res.Weights[i] - ref[i]) / paramsStddev[i]
		t.Logf("w%-2d ours %9.4f  py-fsrs %9.4f  gap %5.2f σ", i, res.Weights[i], ref[i], z)
		if !uninformed[i] && math.Abs(z) > 0.5 {
			t.Errorf("w%d = %.4f, py-fsrs %.4f: %.2f σ apart", i, res.Weights[i], ref[i], z)
		}
	}
}

func meanGap(a, b []float64) float64 {
	sum := 0.0
	for i := range a {
		sum += math.Abs(a[i] - b[i])
	}
	return sum / float64(len(a))
}

// predictions is R before every cross-day review, in replay order.
func predictions(cards [][]Review, w []float64) []float64 {
	m := newModel(w)
	var out []float64
	for _, c := range cards {
		s, d := m.initial(c[0].Rating)
		for _, rv := range c[1:] {
			if rv.Elapsed <= 0 {
				s = m.shortTerm(s, rv.Rating)
			} else {
				r := m.retrievability(float64(rv.Elapsed), s)
				out = append(out, r.v)
				if rv.Rating == srs.Again {
					s = m.forget(d, s, r)
				} else {
					s = m.recall(d, s, r, rv.Rating)
				}
			}
			d = m.nextDifficulty(d, rv.Rating)
		}
	}
	return out
}

// Seconds for 100k reviews: the shipped log eight times over (100,640
// reviews, each copy its own cards).
func TestFitTakesSecondsFor100kReviews(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	josh := joshHistories(t)
	var cards [][]Review
	for range 8 {
		cards = append(cards, josh...)
	}
	start := time.Now()
	res, err := Fit(cards, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("%d cards, %d scored reviews: %v", len(cards), res.Scored, took)
	if took > 20*time.Second {
		t.Errorf("fit took %v", took)
	}
}
