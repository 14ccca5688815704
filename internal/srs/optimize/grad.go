package optimize

import (
	"math"

	"memora/internal/srs"
)

// nw is the number of FSRS-6 weights.
const nw = 21

// vec is a gradient with respect to the 21 weights.
type vec [nw]float64

// dual is a value with its gradient (forward-mode differentiation): every
// formula of the model below returns both, so one pass over a card's history
// gives its loss and the exact gradient, with no numerical differencing.
type dual struct {
	v float64
	d vec
}

func constant(v float64) dual { return dual{v: v} }

// weight is w[i] as a variable: its gradient is the i-th unit vector.
func weight(w *[nw]float64, i int) dual {
	x := dual{v: w[i]}
	x.d[i] = 1
	return x
}

// clamp bounds x to [lo, hi]; a clamped value no longer depends on the
// weights (the subgradient torch and burn use).
func clamp(x dual, lo, hi float64) dual {
	if x.v < lo {
		return constant(lo)
	}
	if x.v > hi {
		return constant(hi)
	}
	return x
}

func clampS(x dual) dual { return clamp(x, srs.StabilityMin, srs.StabilityMax) }
func clampD(x dual) dual { return clamp(x, srs.DifficultyMin, srs.DifficultyMax) }

// model is the FSRS-6 model with gradients, the same formulas in the same
// floating-point order as package srs, so the values agree to the bit
// (checked by a test) and the gradients are exact.
type model struct {
	w      [nw]float64
	factor float64 // 0.9^(-1/w20) - 1
	dfdw20 float64 // d factor / d w20
	d0Easy dual    // D0(Easy), the mean-reversion target
	expW8  float64
}

func newModel(w []float64) *model {
	m := &model{}
	copy(m.w[:], w)
	decay := -m.w[20]
	m.factor = math.Pow(0.9, 1/decay) - 1
	m.dfdw20 = (m.factor + 1) * math.Log(0.9) / (m.w[20] * m.w[20])
	m.d0Easy = m.initialDifficultyRaw(srs.Easy)
	m.expW8 = math.Exp(m.w[8])
	return m
}

// retrievability is R(t, S) = (1 + f·t/S)^(−w20).
func (m *model) retrievability(t float64, s dual) dual {
	ft := m.factor * t
	u := 1 + ft/s.v
	r := math.Pow(u, -m.w[20])
	// d ln R = −ln u·dw20 − (w20/u)·du, du = (t/S)·df − (f·t/S²)·dS.
	k := -m.w[20] / u
	out := dual{v: r}
	dS := r * k * (-ft / (s.v * s.v))
	for i := range out.d {
		out.d[i] = dS * s.d[i]
	}
	out.d[20] += r * (-math.Log(u) + k*(t/s.v)*m.dfdw20)
	return out
}

// initialDifficultyRaw is D0(G) = w4 − e^(w5·(G−1)) + 1, unclamped.
func (m *model) initialDifficultyRaw(g srs.Rating) dual {
	e := math.Exp(m.w[5] * float64(g-1))
	x := dual{v: m.w[4] - e + 1}
	x.d[4] = 1
	x.d[5] = -float64(g-1) * e
	return x
}

func (m *model) initial(g srs.Rating) (s, d dual) {
	return clampS(weight(&m.w, int(g)-1)), clampD(m.initialDifficultyRaw(g))
}

// nextDifficulty is linear damping then mean reversion toward D0(Easy).
func (m *model) nextDifficulty(d dual, g srs.Rating) dual {
	gm3 := float64(g - 3)
	delta := -m.w[6] * gm3
	damped := dual{v: d.v + (10-d.v)*delta/9}
	for i := range damped.d {
		damped.d[i] = d.d[i] * (1 - delta/9)
	}
	damped.d[6] += (10 - d.v) / 9 * -gm3
	d0 := &m.d0Easy
	w7 := m.w[7]
	out := dual{v: w7*d0.v + (1-w7)*damped.v}
	for i := range out.d {
		out.d[i] = w7*d0.d[i] + (1-w7)*damped.d[i]
	}
	out.d[7] += d0.v - damped.v
	return clampD(out)
}

// shortTerm is the same-day update S·e^(w17·(G−3+w18))·S^(−w19), the
// multiplier floored at 1 for passes.
func (m *model) shortTerm(s dual, g srs.Rating) dual {
	a := float64(g) - 3 + m.w[18]
	inc := math.Exp(m.w[17]*a) * math.Pow(s.v, -m.w[19])
	if g >= srs.Hard && inc < 1 {
		return clampS(s)
	}
	out := dual{v: s.v * inc}
	for i := range out.d {
		out.d[i] = inc * (1 - m.w[19]) * s.d[i]
	}
	si := s.v * inc
	out.d[17] += si * a
	out.d[18] += si * m.w[17]
	out.d[19] -= si * math.Log(s.v)
	return clampS(out)
}

// recall is the cross-day pass update
// S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R)) − 1)·[w15]·[w16]).
func (m *model) recall(d, s, r dual, g srs.Rating) dual {
	hard, easy := 1.0, 1.0
	if g == srs.Hard {
		hard = m.w[15]
	}
	if g == srs.Easy {
		easy = m.w[16]
	}
	a := m.expW8
	b := 11 - d.v
	c := math.Pow(s.v, -m.w[9])
	ex := math.Exp((1 - r.v) * m.w[10])
	e := ex - 1
	growth := a * b * c * e * hard * easy
	// Product rule over the factors a, b, c, e, hard·easy.
	var dg vec
	bceh := b * c * e * hard * easy
	aceh := a * c * e * hard * easy
	abeh := a * b * e * hard * easy
	abch := a * b * c * hard * easy
	for i := range dg {
		dg[i] = aceh*-d.d[i] + abeh*c*(-m.w[9]/s.v)*s.d[i] + abch*ex*(-m.w[10])*r.d[i]
	}
	dg[8] += bceh * a
	dg[9] += abeh * c * -math.Log(s.v)
	dg[10] += abch * ex * (1 - r.v)
	if g == srs.Hard {
		dg[15] += a * b * c * e * easy
	}
	if g == srs.Easy {
		dg[16] += a * b * c * e * hard
	}
	out := dual{v: s.v * (1 + growth)}
	for i := range out.d {
		out.d[i] = (1+growth)*s.d[i] + s.v*dg[i]
	}
	return clampS(out)
}

// forget is the cross-day lapse update, capped at S/e^(w17·w18).
func (m *model) forget(d, s, r dual) dual {
	p := m.w[11]
	q := math.Pow(d.v, -m.w[12])
	sp := math.Pow(s.v+1, m.w[13])
	h := sp - 1
	t := math.Exp((1 - r.v) * m.w[14])
	longTerm := p * q * h * t
	capDiv := math.Exp(m.w[17] * m.w[18])
	lapseCap := s.v / capDiv
	if lapseCap < longTerm {
		out := dual{v: lapseCap}
		for i := range out.d {
			out.d[i] = s.d[i] / capDiv
		}
		out.d[17] -= lapseCap * m.w[18]
		out.d[18] -= lapseCap * m.w[17]
		return clampS(out)
	}
	out := dual{v: longTerm}
	for i := range out.d {
		out.d[i] = p*h*t*q*(-m.w[12]/d.v)*d.d[i] +
			p*q*t*sp*(m.w[13]/(s.v+1))*s.d[i] +
			p*q*h*t*(-m.w[14])*r.d[i]
	}
	out.d[11] += q * h * t
	out.d[12] += p * h * t * q * -math.Log(d.v)
	out.d[13] += p * q * t * sp * math.Log(s.v+1)
	out.d[14] += p * q * h * t * (1 - r.v)
	return clampS(out)
}

// probabilityEpsilon keeps the loss finite, as the evaluator does.
const probabilityEpsilon = 1e-6

// cardLoss replays one card's history: its first review initialises the
// memory, same-day reviews update it with the same-day formula, and every
// cross-day review is predicted (adding its cross-entropy to the sum and its
// gradient to grad, when grad is not nil) before it updates the memory.
func (m *model) cardLoss(c []Review, grad *vec) (loss float64, scored int) {
	if len(c) == 0 {
		return 0, 0
	}
	s, d := m.initial(c[0].Rating)
	for _, rv := range c[1:] {
		if rv.Elapsed <= 0 {
			s = m.shortTerm(s, rv.Rating)
			d = m.nextDifficulty(d, rv.Rating)
			continue
		}
		r := m.retrievability(float64(rv.Elapsed), s)
		recalled := rv.Rating > srs.Again
		p := math.Min(math.Max(r.v, probabilityEpsilon), 1-probabilityEpsilon)
		var dl float64 // d loss / d R
		if recalled {
			loss -= math.Log(p)
			dl = -1 / p
		} else {
			loss -= math.Log(1 - p)
			dl = 1 / (1 - p)
		}
		if p != r.v {
			dl = 0
		}
		if grad != nil {
			for i := range grad {
				grad[i] += dl * r.d[i]
			}
		}
		scored++
		if recalled {
			s = m.recall(d, s, r, rv.Rating)
		} else {
			s = m.forget(d, s, r)
		}
		d = m.nextDifficulty(d, rv.Rating)
	}
	return loss, scored
}
