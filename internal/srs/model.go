package srs

import "math"

// Memory is the FSRS memory state of one item: stability in days and
// difficulty in [1, 10]. The zero value means "never reviewed".
type Memory struct {
	Stability  float64
	Difficulty float64
}

// model holds validated FSRS-6 weights and the curve constants derived from
// them. It is a value: copying it copies the weights.
type model struct {
	w      [21]float64
	decay  float64 // -w20
	factor float64 // 0.9^(1/decay) - 1, so that R(S, S) = 0.9
}

func newModel(weights []float64) (model, error) {
	w, err := MigrateWeights(weights)
	if err != nil {
		return model{}, err
	}
	var m model
	copy(m.w[:], w)
	m.decay = -m.w[20]
	m.factor = math.Pow(0.9, 1/m.decay) - 1
	return m, nil
}

func clampStability(s float64) float64 {
	return math.Min(math.Max(s, StabilityMin), StabilityMax)
}

func clampDifficulty(d float64) float64 {
	return math.Min(math.Max(d, DifficultyMin), DifficultyMax)
}

// retrievability is the forgetting curve R(t, S) = (1 + f·t/S)^decay.
func (m model) retrievability(elapsedDays, stability float64) float64 {
	return math.Pow(1+m.factor*elapsedDays/stability, m.decay)
}

// rawInterval is the real-valued number of days until R falls to dr.
func (m model) rawInterval(stability, dr float64) float64 {
	return stability / m.factor * (math.Pow(dr, 1/m.decay) - 1)
}

func (m model) initialStability(r Rating) float64 {
	return clampStability(m.w[r-1])
}

// initialDifficultyRaw is D0(G) before clamping; mean reversion targets the
// unclamped D0(Easy), as fsrs-rs and py-fsrs do.
func (m model) initialDifficultyRaw(r Rating) float64 {
	return m.w[4] - math.Exp(m.w[5]*float64(r-1)) + 1
}

func (m model) initialDifficulty(r Rating) float64 {
	return clampDifficulty(m.initialDifficultyRaw(r))
}

func (m model) initialMemory(r Rating) Memory {
	return Memory{Stability: m.initialStability(r), Difficulty: m.initialDifficulty(r)}
}

// nextDifficulty applies linear damping (steps shrink near 10) and then mean
// reversion toward D0(Easy), so difficulty cannot drift forever.
func (m model) nextDifficulty(d float64, r Rating) float64 {
	delta := -m.w[6] * float64(r-3)
	damped := d + (10-d)*delta/9
	reverted := m.w[7]*m.initialDifficultyRaw(Easy) + (1-m.w[7])*damped
	return clampDifficulty(reverted)
}

// shortTermStability is the FSRS-6 same-day update. The increase is floored
// at 1 for passes (fsrs-rs: rating >= 2) so a same-day pass never lowers S.
// py-fsrs floors Good and Easy only; the two differ for Hard alone.
func (m model) shortTermStability(s float64, r Rating) float64 {
	inc := math.Exp(m.w[17]*(float64(r)-3+m.w[18])) * math.Pow(s, -m.w[19])
	if r >= Hard {
		inc = math.Max(inc, 1)
	}
	return clampStability(s * inc)
}

func (m model) recallStability(d, s, r float64, g Rating) float64 {
	hardPenalty, easyBonus := 1.0, 1.0
	if g == Hard {
		hardPenalty = m.w[15]
	}
	if g == Easy {
		easyBonus = m.w[16]
	}
	growth := math.Exp(m.w[8]) * (11 - d) * math.Pow(s, -m.w[9]) *
		(math.Exp((1-r)*m.w[10]) - 1) * hardPenalty * easyBonus
	return clampStability(s * (1 + growth))
}

// forgetStability is the post-lapse stability, capped so a lapse can never
// leave S higher than a same-day Again would (the FSRS-6 lapse cap).
func (m model) forgetStability(d, s, r float64) float64 {
	longTerm := m.w[11] * math.Pow(d, -m.w[12]) * (math.Pow(s+1, m.w[13]) - 1) *
		math.Exp((1-r)*m.w[14])
	lapseCap := s / math.Exp(m.w[17]*m.w[18])
	return clampStability(math.Min(longTerm, lapseCap))
}

// longTermStability is the cross-day update given the recall probability r
// at review time.
func (m model) longTermStability(mem Memory, r float64, g Rating) float64 {
	if g == Again {
		return m.forgetStability(mem.Difficulty, mem.Stability, r)
	}
	return m.recallStability(mem.Difficulty, mem.Stability, r, g)
}

// nextMemory is one fsrs-rs step: the formula is chosen by the whole-day gap,
// 0 meaning a same-day review.
func (m model) nextMemory(mem Memory, g Rating, elapsedDays int) Memory {
	var s float64
	if elapsedDays <= 0 {
		s = m.shortTermStability(mem.Stability, g)
	} else {
		r := m.retrievability(float64(elapsedDays), mem.Stability)
		s = m.longTermStability(mem, r, g)
	}
	return Memory{Stability: s, Difficulty: m.nextDifficulty(mem.Difficulty, g)}
}
