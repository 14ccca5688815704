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
		if want := !a.IsPage() && a != ActSubmitOnly; m.Has(a) != want {
			t.Errorf("default mix: %s has=%v; want every API action a student takes (not submit_only) and no page", a, m.Has(a))
		}
	}
}

func TestMixPresetsStandForTheirWeightsAndCoverEveryPage(t *testing.T) {
	for name, weights := range MixPresets {
		byName, err := ParseMix(name)
		if err != nil {
			t.Fatal(err)
		}
		byWeights, err := ParseMix(weights)
		if err != nil || byName.String() != byWeights.String() {
			t.Fatalf("preset %s: %v %v", name, byName, err)
		}
	}
	pages, _ := ParseMix("pages")
	browser, _ := ParseMix(" browser ")
	for _, a := range Actions {
		if a.IsPage() != pages.Has(a) {
			t.Errorf("pages preset: %s has=%v", a, pages.Has(a))
		}
		if a.IsPage() && !browser.Has(a) {
			t.Errorf("browser preset lacks %s", a)
		}
	}
	if !browser.Has(ActReview) || !browser.Has(ActLesson) {
		t.Errorf("the browser preset leaves out the API calls the pages' scripts make: %v", browser)
	}
	if _, err := ParseMix("everything"); err == nil {
		t.Error("an unknown preset was accepted")
	}
}

func TestEveryActionNamesItsEndpoints(t *testing.T) {
	seen := map[string]Action{}
	for _, a := range Actions {
		eps := a.Endpoints()
		if len(eps) == 0 {
			t.Errorf("%s has no endpoint", a)
		}
		for _, ep := range eps {
			if other, dup := seen[ep]; dup && !(a == ActSubmitOnly && other == ActSubmit) {
				t.Errorf("%s and %s share %s", a, other, ep)
			}
			seen[ep] = a
			if a.IsPage() && pageRoutes[ep] == "" || !a.IsPage() && Paths[ep] == "" {
				t.Errorf("%s: no route for %s", a, ep)
			}
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

// Runs of one size with different offsets draw different students, each from the population.
func TestOffsetsDrawDisjointStudents(t *testing.T) {
	seen := map[int]int{}
	for offset := range 10 {
		o := RunOptions{Students: 1000, Population: 10000, Offset: offset}
		for i := range o.Students {
			n := o.studentNumber(i)
			if n < 1 || n > o.Population {
				t.Fatalf("offset %d: student %d outside the population", offset, n)
			}
			if prev, taken := seen[n]; taken {
				t.Fatalf("student %d drawn by offsets %d and %d", n, prev, offset)
			}
			seen[n] = offset
		}
	}
	if len(seen) != 10000 {
		t.Fatalf("%d students drawn, want all 10000", len(seen))
	}
	wrap := RunOptions{Students: 3, Population: 9, Offset: 8}
	if got := [3]int{wrap.studentNumber(0), wrap.studentNumber(1), wrap.studentNumber(2)}; got != [3]int{9, 3, 6} {
		t.Fatalf("wrapping: got %v, want [9 3 6]", got)
	}
}
