package importer

import (
	"fmt"
	"regexp"
	"slices"
	"time"
	_ "time/tzdata" // institution time zones must validate the same on hosts without zoneinfo

	"memora/internal/identity"
)

// seasonID is the original's season naming rule; partition names are derived from it.
var seasonID = regexp.MustCompile(`^SEASON-\d{4}(-\w+)?$`)

const dateLayout = time.DateOnly

func (c *checker) checkAcademic() {
	for i, x := range c.f.Institutions {
		c.checkInstitution(at("institutions", i, x.ID), x)
	}
	for i, x := range c.f.Streams {
		c.required(at("streams", i, x.ID), "title", x.Title)
	}
	for i, x := range c.f.Grades {
		c.checkGrade(at("grades", i, x.ID), x)
	}
	c.checkSeasons()
	c.checkPlans()
}

func (c *checker) checkInstitution(where string, x Institution) {
	c.required(where, "name", x.Name)
	pay := identity.InstitutionView{Currency: x.Currency, PaymentNote: x.PaymentNote, PaymentNoteEn: x.PaymentNoteEn}
	if err := pay.NormalizePayment(); err != nil {
		c.addf(where, "%s", err.Error())
	}
	if x.TimeZone == "" {
		return
	}
	if _, err := time.LoadLocation(x.TimeZone); err != nil {
		c.addf(where, "time_zone %q is not an IANA time zone", x.TimeZone)
	}
}

func (c *checker) checkGrade(where string, x Grade) {
	c.required(where, "title", x.Title)
	seen := make(map[string]bool, len(x.Streams))
	for _, s := range x.Streams {
		if seen[s] {
			c.addf(where, "stream %q is listed twice", s)
			continue
		}
		seen[s] = true
		c.ref(where, "stream", KindStream, s, true)
	}
}

func (c *checker) checkSeasons() {
	active := ""
	for i, x := range c.f.Seasons {
		where := at("seasons", i, x.ID)
		c.checkSeason(where, x)
		if !x.IsActive {
			continue
		}
		if active != "" {
			c.addf(where, "is_active: season %q is already the active season", active)
			continue
		}
		active = x.ID
	}
}

func (c *checker) checkSeason(where string, x Season) {
	if x.ID != "" && !seasonID.MatchString(x.ID) {
		c.addf(where, "id must look like SEASON-2026 (or SEASON-2026-suffix)")
	}
	start, okStart := c.date(where, "start_date", x.StartDate)
	end, okEnd := c.date(where, "end_date", x.EndDate)
	if okStart && okEnd && end.Before(start) {
		c.addf(where, "end_date %s is before start_date %s", x.EndDate, x.StartDate)
	}
	c.oneOf(where, "scheduler", x.Scheduler, true, "fsrs", "classic")
	c.oneOf(where, "grade_mapping", x.GradeMapping, true, "binary", "speed")
	if r := x.DesiredRetention; r != 0 && (r < 0.70 || r > 0.97) {
		c.addf(where, "desired_retention %g is outside 0.70–0.97", r)
	}
}

// date parses a required YYYY-MM-DD field.
func (c *checker) date(where, field, value string) (time.Time, bool) {
	if value == "" {
		c.addf(where, "%s is required", field)
		return time.Time{}, false
	}
	t, err := time.Parse(dateLayout, value)
	if err != nil {
		c.addf(where, "%s %q is not a date (YYYY-MM-DD)", field, value)
		return time.Time{}, false
	}
	return t, true
}

// checkGradeStream checks that stream is allowed for grade: a grade with streams needs one of them,
// a grade without streams takes none. Grades known only from the database are not compared.
func (c *checker) checkGradeStream(where, grade, stream string) {
	if stream != "" {
		c.ref(where, "stream", KindStream, stream, true)
	}
	gi, ok := c.local(KindGrade, grade)
	if !ok {
		return
	}
	allowed := c.f.Grades[gi].Streams
	switch {
	case stream == "" && len(allowed) > 0:
		c.addf(where, "stream is required: grade %q has streams %v", grade, allowed)
	case stream != "" && !slices.Contains(allowed, stream):
		c.addf(where, "stream %q is not a stream of grade %q", stream, grade)
	}
}

func (c *checker) checkPlans() {
	keys := make(map[string]int)
	for i, p := range c.f.Plans {
		where := at("plans", i, p.ID)
		c.ref(where, "institution", KindInstitution, p.Institution, false)
		if c.ref(where, "grade", KindGrade, p.Grade, true) {
			c.checkGradeStream(where, p.Grade, p.Stream)
		}
		c.ref(where, "season", KindSeason, p.Season, true)
		for j, s := range p.Subjects {
			c.checkPlanSubject(fmt.Sprintf("%s: subjects[%d]", where, j), s)
		}
		key := fmt.Sprintf("%q %q %q %q", p.Institution, p.Grade, p.Stream, p.Season)
		if j, dup := keys[key]; dup {
			c.addf(where, "plans[%d] already covers this institution, grade, stream and season", j)
			continue
		}
		keys[key] = i
	}
}

func (c *checker) checkPlanSubject(where string, s PlanSubject) {
	c.ref(where, "subject", KindSubject, s.Subject, true)
	c.oneOf(where, "selection_type", s.SelectionType, true, AllUnits, SpecificUnit)
	if s.Selection() != SpecificUnit {
		if s.SpecificUnit != "" {
			c.addf(where, "specific_unit is set but selection_type is %s", s.Selection())
		}
		return
	}
	if !c.ref(where, "specific_unit", KindUnit, s.SpecificUnit, true) {
		return
	}
	if ui, ok := c.local(KindUnit, s.SpecificUnit); ok && c.f.Units[ui].Subject != s.Subject {
		c.addf(where, "specific_unit %q belongs to subject %q, not %q",
			s.SpecificUnit, c.f.Units[ui].Subject, s.Subject)
	}
}
