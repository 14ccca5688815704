package web

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/progress"
)

func testLocalizer(lang i18n.Lang) Localizer { return Localizer{Lang: lang, msgs: i18n.MustLoad()} }

var chartPoints = []chartPoint{{Label: "a", Value: 10}, {Label: "b", Value: 0}, {Label: "c", Value: 1250, Today: true}}

func TestBarsRunLeftToRightInEnglishAndRightToLeftInArabic(t *testing.T) {
	ltr := buildBars(testLocalizer(i18n.English), "x", chartPoints, false)
	rtl := buildBars(testLocalizer(i18n.Arabic), "x", chartPoints, true)
	require.Len(t, ltr.Bars, 3)
	require.Less(t, ltr.Bars[0].X, ltr.Bars[1].X)
	require.Less(t, ltr.Bars[1].X, ltr.Bars[2].X)
	require.Greater(t, rtl.Bars[0].X, rtl.Bars[1].X, "the first point is drawn on the right")
	require.Greater(t, rtl.Bars[1].X, rtl.Bars[2].X)
	for i := range ltr.Bars {
		require.Equal(t, ltr.Bars[i].X, rtl.Bars[2-i].X, "mirrored slots")
		require.Equal(t, ltr.Bars[i].H, rtl.Bars[i].H, "same heights")
		require.Equal(t, ltr.Bars[i].CX, ltr.Bars[i].X+ltr.Bars[i].W/2, "labels are centred on their bar")
	}
}

func TestBarsScaleToTheLargestValueAndStayInsideTheChart(t *testing.T) {
	c := buildBars(testLocalizer(i18n.English), "x", chartPoints, false)
	tallest := float64(chartHeight - chartTop - chartBottom)
	require.Equal(t, tallest, c.Bars[2].H, "the largest value fills the plot")
	require.Equal(t, c.Baseline, c.Bars[2].Y+c.Bars[2].H, "bars stand on the baseline")
	require.Equal(t, float64(barStub), c.Bars[1].H, "a zero is a stub, not nothing")
	require.Contains(t, c.Bars[1].Class, "zero")
	require.Contains(t, c.Bars[2].Class, "today")
	require.GreaterOrEqual(t, c.Bars[0].H, 4.0, "a small value stays visible")
	for _, b := range c.Bars {
		require.GreaterOrEqual(t, b.X, 0.0)
		require.LessOrEqual(t, b.X+b.W, float64(c.Width))
		require.Greater(t, b.ValueY, 0.0, "the value label fits above the bar")
	}
	empty := buildBars(testLocalizer(i18n.English), "x", []chartPoint{{Value: 0}, {Value: 0}}, false)
	require.Equal(t, float64(barStub), empty.Bars[0].H, "no value: no division by zero")
}

func TestChartNumbersAreWrittenInThePagesDigits(t *testing.T) {
	ar := buildBars(testLocalizer(i18n.Arabic), "x", chartPoints, true)
	require.Equal(t, "١٠", ar.Bars[0].ValueText)
	require.Equal(t, "", ar.Bars[1].ValueText, "a zero has no label over its stub")
	require.Equal(t, "١٬٢٥٠", ar.Bars[2].ValueText)
	en := buildBars(testLocalizer(i18n.English), "x", chartPoints, false)
	require.Equal(t, "1,250", en.Bars[2].ValueText)
}

func TestTheWeekIsNamedInThePagesLanguage(t *testing.T) {
	today := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC) // a Sunday
	week := progress.Week(today, nil)
	week[0].XP = 30
	ar := weekPoints(testLocalizer(i18n.Arabic), week)
	require.Len(t, ar, 7)
	require.Equal(t, "الاثنين", ar[0].Label, "30 November 2026 was a Monday")
	require.Equal(t, "الاثنين ٣٠ نوفمبر", ar[0].Name)
	require.Equal(t, int64(30), ar[0].Value)
	require.True(t, ar[6].Today)
	en := weekPoints(testLocalizer(i18n.English), week)
	require.Equal(t, "Mon", en[0].Label)
	require.Equal(t, "Sunday 6 Dec", en[6].Name)
}

func TestTheMasteryBarStartsOnTheReadingSideAndItsSharesAddUp(t *testing.T) {
	parts := []stackPart{{Class: "key-new", Value: 1}, {Class: "key-learning", Value: 1}, {Class: "key-mature", Value: 2}}
	en := buildStack(testLocalizer(i18n.English), "m", parts, false)
	ar := buildStack(testLocalizer(i18n.Arabic), "m", parts, true)
	require.Equal(t, int64(4), en.Total)
	require.Equal(t, 0.0, en.Segs[0].X, "new starts on the left in English")
	require.Equal(t, float64(en.Width)-ar.Segs[0].W, ar.Segs[0].X, "and on the right in Arabic")
	require.Equal(t, 0.0, ar.Segs[2].X)
	var w float64
	for _, s := range en.Segs {
		w += s.W
	}
	require.InDelta(t, float64(en.Width), w, 0.2)
	require.Equal(t, "50%", en.Segs[2].Pct)
	require.Equal(t, "٥٠٪", ar.Segs[2].Pct)
	require.Equal(t, "٢", ar.Segs[2].ValueText)
	none := buildStack(testLocalizer(i18n.English), "m", []stackPart{{Value: 0}}, false)
	require.Equal(t, 0.0, none.Segs[0].W)
}

func TestPricesAreWrittenInThePagesDigits(t *testing.T) {
	require.Equal(t, "19", money(testLocalizer(i18n.English), 1900))
	require.Equal(t, "9.50", money(testLocalizer(i18n.English), 950))
	require.Equal(t, "١٬٢٠٠", money(testLocalizer(i18n.Arabic), 120000))
	require.Equal(t, "٩٫٥٠", money(testLocalizer(i18n.Arabic), 950))
}
