package optimize

import (
	"math"
	"math/rand/v2"
	"testing"

	"memora/internal/srs"
)

// A simulated institution whose students differ from the global defaults: the
// institution's centre is the defaults moved by 1·PARAMS_STDDEV·N(0, 1) (w0..w3
// by a factor e^(0.5·N)), each student the centre moved by 0.3·σ·N. Students
// are scheduled by FSRS-6 defaults at DR 0.9 with 0–2 days of lateness, and
// recall is drawn from their true weights.

func jitterWeights(rng *rand.Rand, centre []float64, spread float64) []float64 {
	lo, hi := srs.WeightBounds()
	w := append([]float64(nil), centre...)
	for i := range w {
		z := rng.NormFloat64()
		if i < 4 {
			w[i] *= math.Exp(0.5 * spread * z)
		} else {
			w[i] += spread * paramsStddev[i] * z
		}
		w[i] = math.Min(math.Max(w[i], lo[i]), hi[i])
	}
	return w
}

// timed is a card's history with the day of each review.
type timed struct {
	reviews []Review
	days    []int
}

func simulateStudent(rng *rand.Rand, weights []float64, items, days int) []timed {
	p := srs.DefaultParams()
	p.Weights = weights
	truth, err := srs.NewScheduler(p)
	if err != nil {
		panic(err)
	}
	sched, err := srs.NewScheduler(srs.DefaultParams())
	if err != nil {
		panic(err)
	}
	var out []timed
	for i := range items {
		day := i * days / (2 * items) // items start over the first half
		g := srs.Again
		if rng.Float64() < 0.75 {
			g = srs.Good
		}
		tm, sm := truth.InitialMemory(g), sched.InitialMemory(g)
		c := timed{reviews: []Review{{Rating: g}}, days: []int{day}}
		for {
			gap := sched.NextInterval(sm.Stability) + rng.IntN(3)
			if day+gap >= days {
				break
			}
			day += gap
			g = srs.Again
			if rng.Float64() < truth.RetrievabilityAt(tm.Stability, float64(gap)) {
				g = srs.Good
			}
			tm, sm = truth.NextMemory(tm, g, gap), sched.NextMemory(sm, g, gap)
			c.reviews = append(c.reviews, Review{Rating: g, Elapsed: gap})
			c.days = append(c.days, day)
		}
		out = append(out, c)
	}
	return out
}

// before keeps the reviews before day split (the training part).
func before(cards []timed, split int) [][]Review {
	var out [][]Review
	for _, c := range cards {
		n := 0
		for n < len(c.days) && c.days[n] < split {
			n++
		}
		if n > 0 {
			out = append(out, c.reviews[:n])
		}
	}
	return out
}

// heldOut is the log loss and count of the cross-day reviews on or after day
// split, replaying each whole history with weights.
func heldOut(cards []timed, split int, weights []float64) (sum float64, n int) {
	m := newModel(weights)
	for _, c := range cards {
		s, d := m.initial(c.reviews[0].Rating)
		for j, rv := range c.reviews[1:] {
			r := m.retrievability(float64(rv.Elapsed), s)
			if c.days[j+1] >= split {
				p := math.Min(math.Max(r.v, probabilityEpsilon), 1-probabilityEpsilon)
				if rv.Rating > srs.Again {
					sum -= math.Log(p)
				} else {
					sum -= math.Log(1 - p)
				}
				n++
			}
			if rv.Rating == srs.Again {
				s = m.forget(d, s, r)
			} else {
				s = m.recall(d, s, r, rv.Rating)
			}
			d = m.nextDifficulty(d, rv.Rating)
		}
	}
	return sum, n
}

// Per-student shrinkage toward the institution beats both the global defaults
// and a student's own fit when the student has few reviews (held-out reviews
// after day 60 of 90, pooled over the evaluated students).
func TestShrinkageBeatsDefaultsAndPerStudentFits(t *testing.T) {
	if testing.Short() {
		t.Skip("fits 160 students")
	}
	rng := rand.New(rand.NewPCG(16, 2026))
	centre := jitterWeights(rng, srs.DefaultWeights(), 1)
	const days, split = 90, 60

	// The institution's weights: one fit on 60 other students' pooled reviews.
	var pooled [][]Review
	for range 60 {
		pooled = append(pooled, before(simulateStudent(rng, jitterWeights(rng, centre, 0.3), 40, days), days)...)
	}
	inst, err := Fit(pooled, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}

	for _, group := range []struct {
		name  string
		items int
	}{{"8 items each (few reviews)", 8}, {"30 items each", 30}} {
		names := []string{"FSRS-6 defaults", "institution weights", "per-student fit alone", "shrunk toward the institution (γ = 1)", "shrunk toward the institution (γ = ShrinkGamma)"}
		sums := make([]float64, len(names))
		wins := make([]int, len(names)) // students on which shrinkage (γ = ShrinkGamma) is at least as good
		n, train, students := 0, 0, 0
		for range 50 {
			cards := simulateStudent(rng, jitterWeights(rng, centre, 0.3), group.items, days)
			past := before(cards, split)
			if countScored(past) == 0 {
				continue
			}
			own, err := Fit(past, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			loose := ShrinkOptions(inst.Weights)
			loose.Gamma = 1
			shrunk1, err := Fit(past, loose)
			if err != nil {
				t.Fatal(err)
			}
			shrunk, err := Fit(past, ShrinkOptions(inst.Weights))
			if err != nil {
				t.Fatal(err)
			}
			var per []float64
			k := 0
			for _, w := range [][]float64{srs.DefaultWeights(), inst.Weights, own.Weights, shrunk1.Weights, shrunk.Weights} {
				s, m := heldOut(cards, split, w)
				per = append(per, s)
				k = m
			}
			if k == 0 {
				continue
			}
			for i := range per {
				sums[i] += per[i]
				if per[len(per)-1] <= per[i] {
					wins[i]++
				}
			}
			n += k
			train += countScored(past)
			students++
		}
		t.Logf("%s: %d students, %.0f training reviews each on average, %d held-out reviews", group.name, students, float64(train)/float64(students), n)
		for i, name := range names {
			t.Logf("  %-48s log loss %.4f (shrunk γ = ShrinkGamma at least as good on %d of %d students)", name, sums[i]/float64(n), wins[i], students)
		}
		shrunk := sums[len(sums)-1]
		if !(shrunk < sums[0] && shrunk < sums[2]) {
			t.Errorf("%s: shrunk %.4f, defaults %.4f, per-student %.4f", group.name, shrunk/float64(n), sums[0]/float64(n), sums[2]/float64(n))
		}
	}
}
