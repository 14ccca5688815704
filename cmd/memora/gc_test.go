package main

import (
	"os"
	"runtime/debug"
	"testing"

	"memora/internal/config"
)

// serve and worker collect at MEMORA_GC_PERCENT, unless GOGC in the environment chose.
func TestTheGCTargetIsMemoraGCPercentUnlessGOGCIsSet(t *testing.T) {
	prev := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(prev) })

	t.Setenv("GOGC", "150") // restored after the test
	os.Unsetenv("GOGC")
	setGCPercent(config.Config{GCPercent: 400})
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("without GOGC: GC percent %d, want 400", got)
	}

	t.Setenv("GOGC", "150")
	setGCPercent(config.Config{GCPercent: 400})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent %d, want it left alone (100)", got)
	}
}
