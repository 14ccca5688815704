package web

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
)

// The profile's forecast sentence gives each of its two counts its own number ("بـ٥ مراجعة" was
// ungrammatical): in Arabic the singular with 1, the dual with 2, the plural with 3 to 10 and the
// singular (accusative, after بـ genitive) with 11 up.
func TestTheProfileForecastCountsAgreeWithTheirNoun(t *testing.T) {
	t.Parallel()
	ar, en := testLocalizer(i18n.Arabic), testLocalizer(i18n.English)
	desc := func(l Localizer, total, busiest int64) string {
		b := countT(l, "profile.forecast_busiest", busiest, "day", "X", "count", busiest)
		return countT(l, "profile.forecast_desc", total, "total", total, "busiest", b)
	}
	for _, c := range []struct {
		total, busiest int64
		ar, en         string
	}{
		{1, 1, "مراجعة واحدة تحين خلال الأيام الأربعة عشر القادمة، وأكثر الأيام ازدحاماً X بمراجعة واحدة.",
			"1 review falls due in the next 14 days; the busiest day is X with 1."},
		{2, 2, "مراجعتان تحينان خلال الأيام الأربعة عشر القادمة، وأكثر الأيام ازدحاماً X بمراجعتين.",
			"2 reviews fall due in the next 14 days; the busiest day is X with 2."},
		{10, 5, "١٠ مراجعات تحين خلال الأيام الأربعة عشر القادمة، وأكثر الأيام ازدحاماً X بـ٥ مراجعات.",
			"10 reviews fall due in the next 14 days; the busiest day is X with 5."},
		{40, 12, "٤٠ مراجعة تحين خلال الأيام الأربعة عشر القادمة، وأكثر الأيام ازدحاماً X بـ١٢ مراجعة.",
			"40 reviews fall due in the next 14 days; the busiest day is X with 12."},
	} {
		require.Equal(t, c.ar, desc(ar, c.total, c.busiest))
		require.Equal(t, c.en, desc(en, c.total, c.busiest))
	}
}

// XP after a number takes the number's form in Arabic: "+١٠ نقاط" (it said "+١٠ نقطة"), "+١٢ نقطة",
// the dual "نقطتان" without the numeral; English says XP throughout. The players' scripts pick the
// same entries with tc (api.js).
func TestXPAfterANumberAgreesWithIt(t *testing.T) {
	t.Parallel()
	ar, en := testLocalizer(i18n.Arabic), testLocalizer(i18n.English)
	for n, want := range map[int64][2]string{
		1:  {"إجابة صحيحة! +نقطة واحدة", "Correct! +1 XP"},
		2:  {"إجابة صحيحة! +نقطتان", "Correct! +2 XP"},
		10: {"إجابة صحيحة! +١٠ نقاط", "Correct! +10 XP"},
		12: {"إجابة صحيحة! +١٢ نقطة", "Correct! +12 XP"},
	} {
		require.Equal(t, want[0], countT(ar, "lesson.right_xp", n, "xp", n), n)
		require.Equal(t, want[1], countT(en, "lesson.right_xp", n, "xp", n), n)
	}
	for n, want := range map[int64][2]string{0: {"⭐ ٠ نقطة", "⭐ 0 XP"}, 2: {"⭐ نقطتان", "⭐ 2 XP"}, 6: {"⭐ ٦ نقاط", "⭐ 6 XP"}, 36: {"⭐ ٣٦ نقطة", "⭐ 36 XP"}} {
		require.Equal(t, want[0], countT(ar, "lesson.xp", n, "xp", n), n)
		require.Equal(t, want[1], countT(en, "lesson.xp", n, "xp", n), n)
	}
	for n, want := range map[int64]string{5: "نقاط", 10: "نقاط", 15: "نقطة", 110: "نقاط", 1500: "نقطة"} {
		require.Equal(t, want, ar.TN("stats.xp_short", n), n)
		require.Equal(t, "XP", en.TN("stats.xp_short", int(n)), n)
	}
	for _, key := range []string{"lesson.xp_earned", "review.xp_earned"} {
		require.Equal(t, "نقاط خبرة", countT(ar, key, 10), key)
		require.Equal(t, "نقطة خبرة", countT(ar, key, 24), key)
	}
	for n, want := range map[int64][2]string{1: {"نقطة واحدة", "1 XP"}, 2: {"نقطتان", "2 XP"}, 7: {"٧ نقاط", "7 XP"}, 70: {"٧٠ نقطة", "70 XP"}} {
		require.Equal(t, want[0], ar.TN("profile.week_total", n, "xp", n), n)
		require.Equal(t, want[1], en.TN("profile.week_total", n, "xp", n), n)
	}
	best := countT(ar, "profile.week_best", 4, "day", "X", "xp", 4)
	require.Equal(t, "٣ نقاط خبرة في آخر ٧ أيام، وأفضل يوم كان X بـ٤ نقاط.", countT(ar, "profile.week_desc", 3, "total", 3, "best", best))
	best = countT(ar, "profile.week_best", 2, "day", "X", "xp", 2)
	require.Equal(t, "نقطتا خبرة في آخر ٧ أيام، وأفضل يوم كان X بنقطتين.", countT(ar, "profile.week_desc", 2, "total", 2, "best", best))
}

// The XP left to the next level, the XP earned in a level and the XP quest's target take
// their number's form in Arabic too ("٥ نقطة" was ungrammatical; 11 and up keep the singular).
func TestLevelAndQuestXPAgreeWithTheirNumber(t *testing.T) {
	t.Parallel()
	ar, en := testLocalizer(i18n.Arabic), testLocalizer(i18n.English)
	for n, want := range map[int64][2]string{
		1:  {"نقطة واحدة للمستوى التالي", "1 XP to the next level"},
		2:  {"نقطتان للمستوى التالي", "2 XP to the next level"},
		5:  {"٥ نقاط للمستوى التالي", "5 XP to the next level"},
		11: {"١١ نقطة للمستوى التالي", "11 XP to the next level"},
	} {
		require.Equal(t, want[0], countT(ar, "home.to_next", n, "xp", n), n)
		require.Equal(t, want[1], countT(en, "home.to_next", n, "xp", n), n)
	}
	require.Equal(t, "نقطتان حتى المستوى ٤", countT(ar, "profile.to_next", 2, "xp", 2, "level", 4))
	require.Equal(t, "جمعت ٧ نقاط في هذا المستوى (٣٪)", countT(ar, "profile.xp_in_level", 7, "xp", 7, "pct", 3))
	require.Equal(t, "اجمع ٢٠٠ نقطة خبرة اليوم.", countT(ar, "quest.xp", 200, "target", 200))
	require.Equal(t, "اجمع ١٠ نقاط خبرة اليوم.", countT(ar, "quest.xp", 10, "target", 10))
	require.Equal(t, "Earn 10 XP today.", countT(en, "quest.xp", 10, "target", 10))
}
