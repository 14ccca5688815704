package optimize

// ShrinkGamma is the pull of a student's fit toward the institution's
// weights. With fsrs-rs's penalty γ·Σ((w − centre)/σ)²/N the pull already
// fades as the student's reviews N grow; γ = 4 (four times fsrs-rs's pull
// toward the global defaults) was chosen before the held-out comparison in
// shrink_test.go and is reported there next to γ = 1.
const ShrinkGamma = 4

// ShrinkOptions fit one student's weights shrunk toward institution, the
// weights fitted on the institution's pooled reviews: the descent starts
// there and is pulled back there, and the initial stabilities are not
// re-estimated from the student's few first reviews (pre-training off).
func ShrinkOptions(institution []float64) Options {
	o := DefaultOptions()
	o.Initial = append([]float64(nil), institution...)
	o.Pretrain = false
	o.Gamma = ShrinkGamma
	return o
}
