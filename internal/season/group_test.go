package season

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestGroupPage(t *testing.T) {
	rows := func(users ...int64) []store.MemoryDue {
		out := make([]store.MemoryDue, len(users))
		for i, u := range users {
			out[i] = store.MemoryDue{UserID: u}
		}
		return out
	}
	type g struct {
		user        int64
		n           int
		first, last bool
	}
	shape := func(groups []PlayerItems) []g {
		var out []g
		for _, x := range groups {
			out = append(out, g{x.UserID, len(x.Items), x.First, x.Last})
		}
		return out
	}
	// A full page: the last player may continue on the next page.
	groups, firsts, open := groupPage("S", rows(1, 1, 2, 2, 2), 0, true)
	require.Equal(t, []g{{1, 2, true, true}, {2, 3, true, false}}, shape(groups))
	require.Equal(t, 2, firsts)
	require.EqualValues(t, 2, open)
	// The next page continues player 2, then closes it at the first other player.
	groups, firsts, open = groupPage("S", rows(2, 3), 2, false)
	require.Equal(t, []g{{2, 1, false, true}, {3, 1, true, true}}, shape(groups))
	require.Equal(t, 1, firsts)
	require.Zero(t, open)
	// A page starting with another player closes the open one first.
	groups, _, _ = groupPage("S", rows(4), 2, false)
	require.Equal(t, []g{{2, 0, false, true}, {4, 1, true, true}}, shape(groups))
	// An empty last page closes the open player.
	groups, firsts, open = groupPage("S", nil, 5, false)
	require.Equal(t, []g{{5, 0, false, true}}, shape(groups))
	require.Zero(t, firsts)
	require.Zero(t, open)
}
