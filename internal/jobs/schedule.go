package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// dailyAt is a PeriodicSchedule firing every day at hh:mm UTC.
type dailyAt struct{ hour, minute int }

func (d dailyAt) Next(t time.Time) time.Time {
	t = t.UTC()
	next := time.Date(t.Year(), t.Month(), t.Day(), d.hour, d.minute, 0, 0, time.UTC)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// weeklyAt is a PeriodicSchedule firing every week on day at hh:mm UTC.
type weeklyAt struct {
	day          time.Weekday
	hour, minute int
}

func (w weeklyAt) Next(t time.Time) time.Time {
	next := dailyAt{w.hour, w.minute}.Next(t)
	for next.Weekday() != w.day {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// periodicJobs is the schedule of §4.10 (Generation 1): partitions before the day starts,
// then auto-archive and reconciliation; retention on Sundays at 02:00 as the original's
// docs say (cron 0 2 * * 0); FSRS-6 parameter fits on Saturdays at 03:00. Times are UTC and quiet hours in the original's region.
func periodicJobs() []*river.PeriodicJob {
	job := func(s river.PeriodicSchedule, id string, args river.JobArgs) *river.PeriodicJob {
		return river.NewPeriodicJob(s, func() (river.JobArgs, *river.InsertOpts) { return args, nil },
			&river.PeriodicJobOpts{ID: id})
	}
	return []*river.PeriodicJob{
		job(dailyAt{0, 30}, KindPartitions, PartitionArgs{}),
		job(dailyAt{1, 0}, KindAutoArchive, AutoArchiveArgs{}),
		job(dailyAt{1, 30}, KindReconcile, ReconcileArgs{}),
		job(weeklyAt{time.Sunday, 2, 0}, KindRetention, RetentionArgs{}),
		job(river.PeriodicInterval(time.Hour), KindSessions, SessionSweepArgs{}),
		job(weeklyAt{time.Saturday, 3, 0}, KindSRSFit, SRSFitArgs{}),
	}
}
