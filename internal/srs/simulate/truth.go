package simulate

import (
	"math"

	"memora/internal/srs"
)

// Draws are hashes of (seed, purpose, a, b, c): the same question always gets
// the same answer, whatever order the simulation asks it in.
const (
	drawParam = iota + 1
	drawItem
	drawAttend
	drawBreak
	drawRecall
	drawDuration
	drawHour
	drawDrift
)

// drawFuzz seeds the product's fuzz for each review.
const drawFuzz = drawDuration + 100

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func hash(seed uint64, purpose, a, b, c int) uint64 {
	h := mix(seed ^ uint64(purpose)<<56)
	h = mix(h ^ uint64(a))
	h = mix(h ^ uint64(b)<<1)
	return mix(h ^ uint64(c)<<2)
}

// uniform is in (0, 1).
func uniform(seed uint64, purpose, a, b, c int) float64 {
	return (float64(hash(seed, purpose, a, b, c)>>11) + 0.5) / (1 << 53)
}

// normal is a standard normal draw (Box–Muller on two hashed uniforms).
func normal(seed uint64, purpose, a, b, c int) float64 {
	u1 := uniform(seed, purpose, a, b, 2*c)
	u2 := uniform(seed, purpose, a, b, 2*c+1)
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

// truth is a student's real memory: the probability of recall of an item on
// a day, and how a review changes it. Days are simulation day numbers.
type truth interface {
	learn(item, day int, correct bool)
	recall(item, day int) float64
	review(item, day int, correct bool)
}

// paramsStddev is fsrs-rs's PARAMS_STDDEV (spread of per-user FSRS-6 fits).
var paramsStddev = [21]float64{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33,
	0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
}

// fsrsTruth is GT-A: FSRS-6 with the student's own weights — the defaults
// moved by 0.5·PARAMS_STDDEV·N(0, 1) and clipped to the bounds (w0..w3, whose
// spread is larger than their values, move by a log-normal factor e^(0.5·N))
// — and a per-item factor e^(0.3·N) on the initial stability.
type fsrsTruth struct {
	s    srs.Scheduler
	item []float64
	mem  []srs.Memory
	last []int
}

func studentWeights(seed uint64, student int) []float64 {
	w := srs.DefaultWeights()
	lo, hi := srs.WeightBounds()
	for i := range w {
		z := normal(seed, drawParam, student, i, 0)
		if i < 4 {
			w[i] *= math.Exp(0.5 * z)
		} else {
			w[i] += 0.5 * paramsStddev[i] * z
		}
		w[i] = math.Min(math.Max(w[i], lo[i]), hi[i])
	}
	return w
}

func newFSRSTruth(seed uint64, student, items int, itemSpread float64, weights []float64) *fsrsTruth {
	p := srs.DefaultParams()
	p.Weights = weights
	if weights == nil {
		p.Weights = studentWeights(seed, student)
	}
	s, err := srs.NewScheduler(p)
	if err != nil { // clipped weights are always valid
		panic(err)
	}
	t := &fsrsTruth{s: s, item: make([]float64, items), mem: make([]srs.Memory, items), last: make([]int, items)}
	for i := range t.item {
		t.item[i] = math.Exp(itemSpread * normal(seed, drawItem, student, i, 0))
	}
	return t
}

func grade(correct bool) srs.Rating {
	if correct {
		return srs.Good
	}
	return srs.Again
}

func (t *fsrsTruth) learn(item, day int, correct bool) {
	m := t.s.InitialMemory(grade(correct))
	m.Stability = math.Min(math.Max(m.Stability*t.item[item], srs.StabilityMin), srs.StabilityMax)
	t.mem[item], t.last[item] = m, day
}

func (t *fsrsTruth) recall(item, day int) float64 {
	return t.s.RetrievabilityAt(t.mem[item].Stability, float64(day-t.last[item]))
}

func (t *fsrsTruth) review(item, day int, correct bool) {
	t.mem[item] = t.s.NextMemory(t.mem[item], grade(correct), day-t.last[item])
	t.last[item] = day
}

// hlrTruth is GT-B, half-life regression: h = 2^(θ0 + θc·√(1+correct) +
// θw·√(1+wrong) + item) days, p = 2^(−Δ/h). Per student θ0 ~ 0.5 + 0.3·N,
// θc ~ 2.0 + 0.2·N, θw ~ −0.5 + 0.1·N; per item N(0, 0.4); θ0 drifts by a
// random walk of 0.01·N a day. A right first try gives h ≈ 8 days (R = 0.9
// after 1.2), three right answers ≈ 18 days, eight ≈ 73 days. No spacing effect and exponential forgetting:
// a different family from FSRS on purpose.
type hlrTruth struct {
	th0, thc, thw float64
	drift         []float64 // θ0 drift per day
	item          []float64
	correct       []int
	wrong         []int
	last          []int
}

func newHLRTruth(seed uint64, student, items, days int) *hlrTruth {
	t := &hlrTruth{
		th0:   0.5 + 0.3*normal(seed, drawParam, student, 0, 1),
		thc:   2.0 + 0.2*normal(seed, drawParam, student, 1, 1),
		thw:   -0.5 + 0.1*normal(seed, drawParam, student, 2, 1),
		drift: make([]float64, days+1), item: make([]float64, items),
		correct: make([]int, items), wrong: make([]int, items), last: make([]int, items),
	}
	for d := 1; d <= days; d++ {
		t.drift[d] = t.drift[d-1] + 0.01*normal(seed, drawDrift, student, d, 0)
	}
	for i := range t.item {
		t.item[i] = 0.4 * normal(seed, drawItem, student, i, 1)
	}
	return t
}

func (t *hlrTruth) halfLife(item, day int) float64 {
	x := t.th0 + t.drift[min(day, len(t.drift)-1)] + t.thc*math.Sqrt(1+float64(t.correct[item])) +
		t.thw*math.Sqrt(1+float64(t.wrong[item])) + t.item[item]
	return math.Exp2(x)
}

func (t *hlrTruth) count(item int, correct bool) {
	if correct {
		t.correct[item]++
	} else {
		t.wrong[item]++
	}
}

func (t *hlrTruth) learn(item, day int, correct bool) {
	t.count(item, correct)
	t.last[item] = day
}

func (t *hlrTruth) recall(item, day int) float64 {
	return math.Exp2(-float64(day-t.last[item]) / t.halfLife(item, t.last[item]))
}

func (t *hlrTruth) review(item, day int, correct bool) {
	t.count(item, correct)
	t.last[item] = day
}
