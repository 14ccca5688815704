package loadgen

import (
	"math/rand/v2"
	"testing"
)

func TestParseMixDefault(t *testing.T) {
	m, err := ParseMix(DefaultMix)
	if err != nil {
		t.Fatal(err)
	}
	if m.String() != DefaultMix {
		t.Fatalf("round trip: %q", m.String())
	}
	for _, a := range Actions {
		if !m.Has(a) {
			t.Errorf("default mix lacks %s", a)
		}
	}
}

func TestParseMixRefusesBadInput(t *testing.T) {
	for _, s := range []string{"", "review", "review=x", "review=-1", "dance=3", "review=1,review=2", "review=0"} {
		if _, err := ParseMix(s); err == nil {
			t.Errorf("ParseMix(%q) accepted", s)
		}
	}
}

func TestMixPicksByWeight(t *testing.T) {
	m, err := ParseMix("review=3, map=1, lesson=0")
	if err != nil {
		t.Fatal(err)
	}
	if m.Has(ActLesson) || m.Weight(ActMap) != 1 {
		t.Fatalf("mix %v", m)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	counts := map[Action]int{}
	const n = 40000
	for range n {
		counts[m.Pick(rng)]++
	}
	if len(counts) != 2 {
		t.Fatalf("picked %v", counts)
	}
	share := float64(counts[ActReview]) / n
	if share < 0.73 || share > 0.77 {
		t.Fatalf("review share %.3f, want 0.75", share)
	}
}

func TestMixWithout(t *testing.T) {
	m, _ := ParseMix("review=3,submit=1,map=2")
	w, err := m.Without(ActSubmit)
	if err != nil || w.String() != "review=3,map=2" {
		t.Fatalf("%v %v", w, err)
	}
	if _, err := m.Without(ActReview, ActSubmit, ActMap); err == nil {
		t.Fatal("an empty mix was accepted")
	}
}
