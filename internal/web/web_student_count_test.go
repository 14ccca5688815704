package web

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
)

// Counts on the home and profile pages agree with their noun: "1 review is due today", and in Arabic the
// singular with 1, the dual with 2, the plural with 3 to 10 and the singular again with 11 up
// ("لديك ٣ مراجعة" and "1 reviews are due" were ungrammatical).
func TestHomeCountsAgreeWithTheirNoun(t *testing.T) {
	t.Parallel()
	ar, en := testLocalizer(i18n.Arabic), testLocalizer(i18n.English)
	for n, want := range map[int64][2]string{
		0:   {"لديك ٠ مراجعة مستحقة اليوم", "0 reviews are due today"},
		1:   {"لديك مراجعة واحدة مستحقة اليوم", "1 review is due today"},
		2:   {"لديك مراجعتان مستحقتان اليوم", "2 reviews are due today"},
		3:   {"لديك ٣ مراجعات مستحقة اليوم", "3 reviews are due today"},
		10:  {"لديك ١٠ مراجعات مستحقة اليوم", "10 reviews are due today"},
		11:  {"لديك ١١ مراجعة مستحقة اليوم", "11 reviews are due today"},
		100: {"لديك ١٠٠ مراجعة مستحقة اليوم", "100 reviews are due today"},
		103: {"لديك ١٠٣ مراجعات مستحقة اليوم", "103 reviews are due today"},
	} {
		require.Equal(t, want[0], countT(ar, "home.due_title", n, "count", n), n)
		require.Equal(t, want[1], countT(en, "home.due_title", n, "count", n), n)
	}
	for n, want := range map[int64][2]string{
		1:  {"معلومة واحدة جاهزة للتثبيت", "1 item is ready for review"},
		2:  {"معلومتان جاهزتان للتثبيت", "2 items are ready for review"},
		5:  {"٥ معلومات جاهزة للتثبيت", "5 items are ready for review"},
		11: {"١١ معلومة جاهزة للتثبيت", "11 items are ready for review"},
	} {
		require.Equal(t, want[0], countT(ar, "quest.review", n, "count", n), n)
		require.Equal(t, want[1], countT(en, "quest.review", n, "count", n), n)
	}
	for total, want := range map[int64][2]string{
		1:  {"١ من درس واحد", "1 of 1 lesson"},
		2:  {"١ من درسين", "1 of 2 lessons"},
		6:  {"١ من ٦ دروس", "1 of 6 lessons"},
		14: {"١ من ١٤ درساً", "1 of 14 lessons"},
	} {
		require.Equal(t, want[0], countT(ar, "home.lessons_done", total, "done", 1, "total", total), total)
		require.Equal(t, want[1], countT(en, "home.lessons_done", total, "done", 1, "total", total), total)
	}
}
