package web

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
)

// An instant is told on the viewer's institution clock; a stored date is told as it is.
func TestLocalizerDayIsTheViewersDay(t *testing.T) {
	amman, err := time.LoadLocation("Asia/Amman")
	require.NoError(t, err)
	lateEvening := time.Date(2026, 12, 6, 22, 30, 0, 0, time.UTC) // 01:30 on the 7th in Amman
	l := Localizer{Lang: i18n.English, zone: amman}
	require.Equal(t, "7 December 2026", l.Day(lateEvening))
	require.Equal(t, "6 December 2026", l.Date(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)))
	require.Equal(t, "6 December 2026", Localizer{Lang: i18n.English}.Day(lateEvening), "a guest has UTC")
}
