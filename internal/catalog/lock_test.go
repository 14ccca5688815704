package catalog

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	done = StatusCompleted
	open = StatusAvailable
	lock = StatusLocked
	prog = StatusLockedProgression
	paid = StatusLockedPremium
)

func TestLessonStatuses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		completed []bool
		gate      Gate
		want      []string
	}{
		{"linear: only the first uncompleted opens", []bool{false, false, false}, Gate{Paid: true, Reachable: true, Linear: true},
			[]string{open, lock, lock}},
		{"linear: after completed ones", []bool{true, true, false, false}, Gate{Paid: true, Reachable: true, Linear: true},
			[]string{done, done, open, lock}},
		{"linear: everything after the first uncompleted stays locked (C.21's counterpart)", []bool{true, false, true, false},
			Gate{Paid: true, Reachable: true, Linear: true}, []string{done, open, done, lock}},
		{"non-linear: every lesson available (C.21)", []bool{false, false, false}, Gate{Paid: true, Reachable: true},
			[]string{open, open, open}},
		{"no financial access: premium, completion still wins (C.29)", []bool{true, false, false}, Gate{Reachable: true, Linear: true},
			[]string{done, paid, paid}},
		{"premium wins over order", []bool{false, false}, Gate{Reachable: true}, []string{paid, paid}},
		{"an unreachable topic locks all but completed lessons", []bool{true, false, false}, Gate{Paid: true, Linear: false},
			[]string{done, lock, lock}},
		{"empty", nil, Gate{Paid: true, Reachable: true, Linear: true}, []string{}},
	}
	for _, c := range cases {
		require.Equal(t, c.want, LessonStatuses(c.completed, c.gate), c.name)
	}
}

func TestTopicAndUnitStatuses(t *testing.T) {
	t.Parallel()
	p := func(total, completed int, paidAccess bool) Progress {
		return Progress{Total: total, Completed: completed, Paid: paidAccess}
	}
	cases := []struct {
		name   string
		items  []Progress
		linear bool
		topics []string
		units  []string
	}{
		{"linear: locked until the previous is completed (weak point 11)", []Progress{p(2, 1, true), p(2, 0, true), p(3, 0, true)}, true,
			[]string{open, lock, lock}, []string{open, prog, prog}},
		{"linear: a completed one opens the next", []Progress{p(2, 2, true), p(2, 0, true), p(1, 0, true)}, true,
			[]string{done, open, lock}, []string{done, open, prog}},
		{"linear: previous completed, even after a gap", []Progress{p(2, 0, true), p(2, 2, true), p(1, 0, true)}, true,
			[]string{open, done, open}, []string{open, done, open}},
		{"non-linear", []Progress{p(2, 1, true), p(2, 0, true)}, false, []string{open, open}, []string{open, open}},
		{"premium before order; completed before premium", []Progress{p(1, 1, false), p(1, 0, false), p(1, 0, true)}, true,
			[]string{done, paid, lock}, []string{done, paid, prog}},
		{"an empty container is never completed and blocks the next (C.28)", []Progress{p(0, 0, true), p(1, 0, true)}, true,
			[]string{open, lock}, []string{open, prog}},
	}
	for _, c := range cases {
		require.Equal(t, c.topics, TopicStatuses(c.items, c.linear), c.name)
		require.Equal(t, c.units, UnitStatuses(c.items, c.linear), c.name)
	}
}

func TestProgressPercent(t *testing.T) {
	t.Parallel()
	require.Equal(t, 0, Progress{}.Percent())
	require.Equal(t, 50, Progress{Total: 4, Completed: 2}.Percent())
	require.Equal(t, 33, Progress{Total: 3, Completed: 1}.Percent())
	require.Equal(t, 100, Progress{Total: 3, Completed: 3}.Percent())
	require.True(t, Progress{Total: 3, Completed: 3}.Done())
	require.False(t, Progress{}.Done())
}

func TestOpens(t *testing.T) {
	t.Parallel()
	for status, want := range map[string]bool{done: true, open: true, lock: false, prog: false, paid: false} {
		require.Equal(t, want, Opens(status), status)
	}
}
