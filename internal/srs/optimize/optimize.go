// Package optimize fits the 21 FSRS-6 weights to review histories, the way
// the reference optimizers do (fsrs-rs, py-fsrs, fsrs-optimizer):
//
//  1. initial stabilities w0..w3 from the outcome of each card's first
//     cross-day review, per first grade (fsrs-rs pre-training);
//  2. mini-batch Adam (learning rate 0.04, cosine annealing, 5 epochs,
//     batches of 512 scored reviews) on the cross-entropy of every cross-day
//     review, same-day reviews updating the memory state but not scored,
//     plus fsrs-rs's L2 pull toward the initial weights,
//     γ·Σ((w − w_init)/σ)² / N with fsrs-rs's PARAMS_STDDEV as σ;
//  3. after every step the weights are clipped to the published bounds; the
//     epoch with the lowest training objective wins.
//
// Gradients are analytic (forward-mode, see grad.go), the card order is
// shuffled by a seeded generator, and the arithmetic order is fixed, so the
// same input and seed give the same weights bit for bit.
package optimize

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"memora/internal/srs"
)

// paramsStddev is fsrs-rs's PARAMS_STDDEV for FSRS-6 (spread of per-user
// fits): the scale of the pull toward the initial weights.
var paramsStddev = [nw]float64{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33,
	0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
}

// Options configure a fit. Start from DefaultOptions.
type Options struct {
	// Initial weights (21, 19 or 17 values); nil means the FSRS-6 defaults.
	// They are the starting point and the centre of the regularization.
	Initial []float64
	// Pretrain fits w0..w3 from first-review outcomes before the descent
	// (the new values also become the regularization centre, as fsrs-rs).
	Pretrain bool
	Epochs   int
	// BatchSize is the number of scored reviews per Adam step; a batch ends
	// at a card boundary, so every gradient is exact for its card.
	BatchSize    int
	LearningRate float64
	// Gamma scales the L2 pull toward Initial (fsrs-rs: 1); larger values
	// keep a small log closer to Initial.
	Gamma float64
	// Seed drives the card shuffle.
	Seed uint64
}

// DefaultOptions are fsrs-rs's: pre-training, 5 epochs, batches of 512,
// learning rate 0.04, γ = 1, seed 42.
func DefaultOptions() Options {
	return Options{Pretrain: true, Epochs: 5, BatchSize: 512, LearningRate: 4e-2, Gamma: 1, Seed: 42}
}

// Result is a fit and its cross-entropy (mean log loss over the scored
// reviews of the training data, without the regularization term).
type Result struct {
	Weights    []float64
	LossBefore float64 // at Initial (defaults)
	LossAfter  float64 // at Weights
	Scored     int     // cross-day reviews in the training data
	Cards      int
}

// ErrNoData is returned when the histories hold no cross-day review.
var ErrNoData = errors.New("optimize: no cross-day reviews to fit")

// LogLoss is the mean cross-entropy of weights on every cross-day review of
// cards, with the evaluator's replay; n is the number of those reviews.
func LogLoss(cards [][]Review, weights []float64) (loss float64, n int, err error) {
	w, err := srs.MigrateWeights(weights)
	if err != nil {
		return 0, 0, fmt.Errorf("optimize: %w", err)
	}
	m := newModel(w)
	sum := 0.0
	for _, c := range cards {
		l, k := m.cardLoss(c, nil)
		sum += l
		n += k
	}
	if n == 0 {
		return 0, 0, ErrNoData
	}
	return sum / float64(n), n, nil
}

// Fit returns the weights that fit cards best under opts.
func Fit(cards [][]Review, opts Options) (Result, error) {
	if opts.Epochs < 1 || opts.BatchSize < 1 || !(opts.LearningRate > 0) || !(opts.Gamma >= 0) {
		return Result{}, fmt.Errorf("optimize: bad options %+v (start from DefaultOptions)", opts)
	}
	initial := opts.Initial
	if initial == nil {
		initial = srs.DefaultWeights()
	}
	init, err := srs.MigrateWeights(initial)
	if err != nil {
		return Result{}, fmt.Errorf("optimize: %w", err)
	}
	for _, c := range cards {
		for _, rv := range c {
			if !rv.Rating.Valid() {
				return Result{}, fmt.Errorf("optimize: invalid rating %d", int(rv.Rating))
			}
		}
	}
	before, n, err := LogLoss(cards, init)
	if err != nil {
		return Result{}, err
	}
	res := Result{LossBefore: before, Scored: n, Cards: len(cards)}

	var w [nw]float64
	copy(w[:], init)
	if opts.Pretrain {
		if s0, ok := pretrain(cards, averageRecall(cards)); ok {
			copy(w[:4], s0[:])
			clip(&w)
		}
	}
	centre := w
	t := trainer{cards: cards, n: float64(n), centre: centre, opts: opts}
	best, bestObj := w, t.objective(&w)
	order := make([]int, len(cards))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6d656d6f7261)) // "memora"
	totalSteps := int(math.Ceil(t.n/float64(opts.BatchSize))) * opts.Epochs
	var adam adamState
	for range opts.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		t.epoch(&w, order, &adam, totalSteps)
		if obj := t.objective(&w); obj < bestObj {
			best, bestObj = w, obj
		}
	}
	res.Weights = best[:]
	res.LossAfter, _, _ = LogLoss(cards, res.Weights)
	return res, nil
}

func averageRecall(cards [][]Review) float64 {
	pass, n := 0.0, 0.0
	for _, c := range cards {
		for _, rv := range c[min(1, len(c)):] {
			if rv.Elapsed > 0 {
				n++
				if rv.Rating > srs.Again {
					pass++
				}
			}
		}
	}
	if n == 0 {
		return 0.9
	}
	return pass / n
}

type trainer struct {
	cards  [][]Review
	n      float64 // scored reviews in all cards
	centre [nw]float64
	opts   Options
}

// penalty is γ·Σ((w − centre)/σ)² / N and its gradient.
func (t *trainer) penalty(w *[nw]float64, grad *vec) float64 {
	p := 0.0
	for i := range w {
		z := (w[i] - t.centre[i]) / paramsStddev[i]
		p += z * z
		if grad != nil {
			grad[i] += t.opts.Gamma * 2 * z / paramsStddev[i] / t.n
		}
	}
	return t.opts.Gamma * p / t.n
}

// objective is the training objective: mean cross-entropy plus the penalty.
func (t *trainer) objective(w *[nw]float64) float64 {
	m := newModel(w[:])
	sum := 0.0
	for _, c := range t.cards {
		l, _ := m.cardLoss(c, nil)
		sum += l
	}
	return sum/t.n + t.penalty(w, nil)
}

// epoch walks the cards in order, one Adam step per batch of at least
// BatchSize scored reviews (and one for the remainder).
func (t *trainer) epoch(w *[nw]float64, order []int, adam *adamState, totalSteps int) {
	var grad vec
	scored := 0
	m := newModel(w[:])
	step := func() {
		if scored == 0 {
			return
		}
		for i := range grad {
			grad[i] /= float64(scored)
		}
		t.penalty(w, &grad)
		lr := cosineLR(t.opts.LearningRate, adam.t, totalSteps)
		adam.step(w, &grad, lr)
		clip(w)
		m = newModel(w[:])
		grad, scored = vec{}, 0
	}
	for _, i := range order {
		_, k := m.cardLoss(t.cards[i], &grad)
		scored += k
		if scored >= t.opts.BatchSize {
			step()
		}
	}
	step()
}

// cosineLR is torch's CosineAnnealingLR with eta_min 0.
func cosineLR(lr0 float64, step, total int) float64 {
	if step >= total {
		return 0
	}
	return lr0 * (1 + math.Cos(math.Pi*float64(step)/float64(total))) / 2
}

// adamState is torch.optim.Adam (β1 0.9, β2 0.999, ε 1e-8).
type adamState struct {
	m, v vec
	t    int
}

func (a *adamState) step(w *[nw]float64, g *vec, lr float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	a.t++
	c1 := 1 - math.Pow(b1, float64(a.t))
	c2 := 1 - math.Pow(b2, float64(a.t))
	for i := range w {
		a.m[i] = b1*a.m[i] + (1-b1)*g[i]
		a.v[i] = b2*a.v[i] + (1-b2)*g[i]*g[i]
		w[i] -= lr * (a.m[i] / c1) / (math.Sqrt(a.v[i]/c2) + eps)
	}
}

// clip bounds the weights to the published ranges (srs.WeightBounds).
func clip(w *[nw]float64) {
	lo, hi := srs.WeightBounds()
	for i := range w {
		w[i] = math.Min(math.Max(w[i], lo[i]), hi[i])
	}
}
