package catalog

import "testing"

// "<stage>:<n>" with n a non-negative integer written plainly is an atom of the stage; any
// other id is a stage; AtomID writes what SplitQuestionID reads.
func TestSplitQuestionID(t *testing.T) {
	type split struct {
		stage string
		index int
	}
	for id, want := range map[string]split{
		"st": {"st", -1}, "st:0": {"st", 0}, "st:12": {"st", 12}, "a:b:3": {"a:b", 3}, "st:": {"st:", -1},
		":3": {":3", -1}, "st:03": {"st:03", -1}, "st:-1": {"st:-1", -1}, "st:+1": {"st:+1", -1},
		"st:1x": {"st:1x", -1}, "st:x": {"st:x", -1}, "st:1234567890123456789": {"st:1234567890123456789", -1},
		"st:123456789012345678": {"st", 123456789012345678},
	} {
		if stage, index := SplitQuestionID(id); stage != want.stage || index != want.index {
			t.Errorf("SplitQuestionID(%q) = %q, %d; want %q, %d", id, stage, index, want.stage, want.index)
		}
	}
	for _, n := range []int{0, 1, 9, 10, 4711} {
		if stage, index := SplitQuestionID(AtomID("st-x", n)); stage != "st-x" || index != n {
			t.Errorf("AtomID(st-x, %d) reads back as %q, %d", n, stage, index)
		}
	}
}
