package season

import (
	"regexp"
	"time"

	"memora/internal/problem"
	"memora/internal/srs"
	"memora/internal/store"
)

// idPattern is the original's season naming rule (SEASON-YYYY or SEASON-YYYY-suffix); the
// partition name is derived from it.
var idPattern = regexp.MustCompile(`^SEASON-\d{4}(-[A-Za-z0-9_]{1,40})?$`)

// Desired retention bounds: below 0.70 reviews come too rarely to help, above 0.97 the
// workload explodes (srs.md).
const (
	minRetention = 0.70
	maxRetention = 0.97
)

func apply(se *store.Season, in Input) {
	setIf(&se.Title, in.Title)
	setIf(&se.TitleEN, in.TitleEN)
	setIf(&se.StartDate, in.StartDate)
	setIf(&se.EndDate, in.EndDate)
	setIf(&se.IsActive, in.IsActive)
	setIf(&se.EnableRedis, in.EnableRedis)
	setIf(&se.AutoArchive, in.AutoArchive)
	setIf(&se.Scheduler, in.Scheduler)
	setIf(&se.DesiredRetention, in.DesiredRetention)
	setIf(&se.GradeMapping, in.GradeMapping)
	if in.ExamDate != nil {
		se.ExamDate = nil
		if !in.ExamDate.IsZero() {
			d := *in.ExamDate
			se.ExamDate = &d
		}
	}
	setIf(&se.ExamTarget, in.ExamTarget)
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func validate(se store.Season) error {
	switch {
	case !idPattern.MatchString(se.ID):
		return problem.InvalidMsg("Season name must look like SEASON-2026 (or SEASON-2026-suffix).")
	case se.EndDate.Before(se.StartDate):
		return problem.InvalidMsg("end_date must not be before start_date.")
	case se.Scheduler != store.SchedulerFSRS && se.Scheduler != store.SchedulerClassic:
		return problem.InvalidMsg("scheduler must be fsrs or classic.")
	case se.DesiredRetention < minRetention || se.DesiredRetention > maxRetention:
		return problem.InvalidMsg("desired_retention must be between 0.70 and 0.97.")
	case se.GradeMapping != "binary" && se.GradeMapping != "speed":
		return problem.InvalidMsg("grade_mapping must be binary or speed.")
	case se.ExamDate != nil && (se.ExamDate.Before(se.StartDate) || se.ExamDate.After(se.EndDate)):
		return problem.InvalidMsg("exam_date must be between the season's start_date and end_date.")
	case se.ExamTarget != 0 && (se.ExamTarget < minRetention || se.ExamTarget > maxRetention):
		return problem.InvalidMsg("exam_target must be between 0.70 and 0.97.")
	}
	return nil
}

// View is a season as the admin API shows it.
type View struct {
	Name             string     `json:"name"`
	Title            string     `json:"title"`
	TitleEN          string     `json:"title_en"`
	StartDate        string     `json:"start_date"`
	EndDate          string     `json:"end_date"`
	IsActive         bool       `json:"is_active"`
	EnableRedis      bool       `json:"enable_redis"`
	AutoArchive      bool       `json:"auto_archive"`
	PartitionCreated bool       `json:"partition_created"`
	PartitionName    string     `json:"partition_name"`
	ArchivedAt       *time.Time `json:"archived_at"`
	Scheduler        string     `json:"scheduler"`
	DesiredRetention float64    `json:"desired_retention"`
	GradeMapping     string     `json:"grade_mapping"`
	// ExamDate is YYYY-MM-DD, or null without an exam; ExamTarget is the exam-day recall.
	ExamDate   *string `json:"exam_date"`
	ExamTarget float64 `json:"exam_target"`
}

func viewOf(se store.Season) View {
	return View{
		Name: se.ID, Title: se.Title, TitleEN: se.TitleEN, StartDate: se.StartDate.Format(time.DateOnly),
		EndDate: se.EndDate.Format(time.DateOnly), IsActive: se.IsActive, EnableRedis: se.EnableRedis,
		AutoArchive: se.AutoArchive, PartitionCreated: se.PartitionCreated, PartitionName: store.PartitionName(se.ID),
		ArchivedAt: se.ArchivedAt, Scheduler: se.Scheduler, DesiredRetention: se.DesiredRetention,
		GradeMapping: se.GradeMapping, ExamDate: examDate(se), ExamTarget: examTarget(se),
	}
}

func examDate(se store.Season) *string {
	if se.ExamDate == nil {
		return nil
	}
	d := se.ExamDate.Format(time.DateOnly)
	return &d
}

// examTarget is the season's exam-day recall target (0 stored means the default).
func examTarget(se store.Season) float64 {
	if se.ExamTarget == 0 {
		return srs.DefaultExamTarget
	}
	return se.ExamTarget
}
