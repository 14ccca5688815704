package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/progress"
	"memora/internal/webtest"
)

// Home and the profile say how much XP is still to earn for the next level, which goes down as
// the student earns XP: they said how much XP the whole level spans ("1,429 XP to the next
// level" before and after a lesson, beside "502 XP earned in this level").
func TestTheXPToTheNextLevelIsWhatIsLeftToEarn(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	home := c.get("/").body
	m := regexp.MustCompile(`<strong>([0-9,]+)</strong><span>total XP</span>`).FindStringSubmatch(home)
	require.NotNil(t, m, "home shows the total XP")
	xp, err := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
	require.NoError(t, err)
	band := progress.BandOf(xp)
	require.Greater(t, band.XPInLevel, int64(0), "the demo student is inside her level, not at its start")
	left := band.Next - xp

	require.Contains(t, home, i18n.Number(i18n.English, left)+" XP to the next level")
	profile := c.get("/profile").body
	require.Contains(t, profile, i18n.Number(i18n.English, left)+" XP to level "+strconv.Itoa(band.Level+1))
	require.Contains(t, profile, i18n.Number(i18n.English, band.XPInLevel)+" XP earned in this level")

	c.post("/lang", url.Values{"lang": {"ar"}, "next": {"/"}})
	require.Contains(t, c.get("/").body, i18n.Number(i18n.Arabic, left)+" نقطة للمستوى التالي")
}
