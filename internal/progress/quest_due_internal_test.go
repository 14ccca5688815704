package progress

import "testing"

// stageOf reads question ids as review's parseRef does: "<stage>:<n>" with n a non-negative
// integer written plainly is an atom of the stage; any other id is a stage.
func TestStageOf(t *testing.T) {
	for id, want := range map[string]string{
		"st": "st", "st:0": "st", "st:12": "st", "a:b:3": "a:b", "st:": "st:", ":3": ":3",
		"st:03": "st:03", "st:-1": "st:-1", "st:+1": "st:+1", "st:1x": "st:1x", "st:x": "st:x",
		"st:1234567890123456789": "st:1234567890123456789",
	} {
		if got := stageOf(id); got != want {
			t.Errorf("stageOf(%q) = %q, want %q", id, got, want)
		}
	}
}
