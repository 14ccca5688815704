package catalog

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A reveal sentence with no highlighted word has nothing to reveal: the lesson player counts it done
// and right (lesson.js), and the server's grade agrees; a highlight index sent for it is still wrong.
func TestGradeRevealNoHighlights(t *testing.T) {
	t.Parallel()
	cfg := RevealConfig{Sentence: "Nothing to tap here."}
	require.True(t, GradeReveal(cfg, nil))
	require.True(t, GradeReveal(cfg, []int{}))
	require.False(t, GradeReveal(cfg, []int{0}))
}
