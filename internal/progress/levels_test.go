package progress

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// §3.5 thresholds: L2 at 205, L3 at 817, L4 at 1837, L5 at 3266, L6 at 5103, L7 at 7347 and
// L8 at exactly 10000 (floating point gives 7.000…1).
func TestLevelThresholds(t *testing.T) {
	require.Equal(t, 1, Level(0))
	for level, first := range map[int]int64{2: 205, 3: 817, 4: 1837, 5: 3266, 6: 5103, 7: 7347, 8: 10000} {
		require.Equal(t, level-1, Level(first-1), "just below L%d", level)
		require.Equal(t, level, Level(first), "L%d starts at %d", level, first)
	}
	require.Equal(t, 1, Level(204), "TS-36 claims level 2; the formula gives 1")
}

func TestBand(t *testing.T) {
	require.Equal(t, Band{Level: 2, Start: 204, Next: 816, XPInLevel: 296, XPToNext: 612, Progress: 48}, BandOf(500))
	require.Equal(t, Band{Level: 1, Start: 0, Next: 204, XPInLevel: 0, XPToNext: 204, Progress: 0}, BandOf(0))
	b := BandOf(300)
	require.Equal(t, 2, b.Level)
	require.Equal(t, int64(96), b.XPInLevel)
}

// G.70: titles by level, the last for every level from 5 up.
func TestTitles(t *testing.T) {
	require.Equal(t, Title{"مستكشف مبتدئ", "Beginner Explorer"}, TitleOf(1))
	require.Equal(t, "مغامر تاريخي", TitleOf(2).AR)
	require.Equal(t, Title{"حارس الذاكرة", "Memory Keeper"}, TitleOf(3))
	require.Equal(t, "أستاذ الزمان", TitleOf(4).AR)
	require.Equal(t, Title{"أسطورة الأردن", "Legend of Jordan"}, TitleOf(9))
	require.Equal(t, TitleOf(1), TitleOf(0))
}
