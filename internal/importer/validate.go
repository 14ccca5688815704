package importer

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Entity kinds, as passed to Known. Users are identified by their lower-case email.
const (
	KindInstitution = "institution"
	KindStream      = "stream"
	KindGrade       = "grade"
	KindSeason      = "season"
	KindSubject     = "subject"
	KindTrack       = "track"
	KindUnit        = "unit"
	KindTopic       = "topic"
	KindLesson      = "lesson"
	KindStage       = "stage"
	KindPlan        = "plan"
	KindSalesItem   = "sales_item"
	KindUser        = "user"
)

// Known reports whether an entity of a kind already exists outside the file (in the database), so a file
// may reference it without carrying it. Rows known only this way are checked for existence only: their
// own fields (a unit's structure type, a grade's streams) are not compared.
type Known func(kind, id string) bool

// maxProblems bounds the report of a badly broken file.
const maxProblems = 200

// ErrInvalid is wrapped by every validation failure.
var ErrInvalid = errors.New("invalid import file")

// Validate checks the whole file on its own: every reference must resolve inside the file.
func (f *File) Validate() error { return f.ValidateAgainst(nil) }

// ValidateAgainst checks the whole file before anything is written: ids, enums, dates, stage configs,
// emails, roles, and every reference, which must resolve inside the file or, when known is not nil, to a
// row known to exist. It returns every problem found (errors.Join), each naming the offending entry.
func (f *File) ValidateAgainst(known Known) error {
	c := &checker{f: f, known: known, stages: make(map[string]stageInfo)}
	if err := checkFormat(f.Format, f.Version); err != nil {
		c.add(err)
	}
	c.indexAll()
	c.checkAcademic()
	c.checkContent()
	c.checkCommerce()
	c.checkPeople()
	c.checkJoinCodes()
	c.checkPlayers()
	return c.err()
}

// checker accumulates problems while walking a file.
type checker struct {
	f          *File
	known      Known
	ids        map[string]map[string]int // kind → id → index in its list
	stages     map[string]stageInfo      // stages of the file whose config is valid
	problems   []error
	suppressed int
}

func (c *checker) add(err error) {
	if len(c.problems) >= maxProblems {
		c.suppressed++
		return
	}
	c.problems = append(c.problems, err)
}

// addf records a problem of the entry at where ("units[3] \"phys-u2\"").
func (c *checker) addf(where, format string, args ...any) {
	c.add(fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	errs := append([]error{ErrInvalid}, c.problems...)
	if c.suppressed > 0 {
		errs = append(errs, fmt.Errorf("… and %d more problems", c.suppressed))
	}
	return errors.Join(errs...)
}

// at names an entry: `units[3] "phys-u2"`.
func at(list string, i int, id string) string {
	return fmt.Sprintf("%s[%d] %q", list, i, id)
}

// local returns the index of an entity defined in the file.
func (c *checker) local(kind, id string) (int, bool) {
	i, ok := c.ids[kind][id]
	return i, ok
}

func (c *checker) exists(kind, id string) bool {
	if _, ok := c.local(kind, id); ok {
		return true
	}
	return c.known != nil && c.known(kind, id)
}

// ref checks a reference field; empty is a problem only when required. It reports whether id resolves.
func (c *checker) ref(where, field, kind, id string, required bool) bool {
	if id == "" {
		if required {
			c.addf(where, "%s is required", field)
		}
		return false
	}
	if !c.exists(kind, id) {
		c.addf(where, "%s %q does not exist", field, id)
		return false
	}
	return true
}

// register records the id of entry i of a list, reporting empty, malformed and repeated ids.
func (c *checker) register(kind, list string, i int, id string) {
	where := at(list, i, id)
	if err := checkID(id); err != nil {
		c.addf(where, "%v", err)
		return
	}
	if c.ids[kind] == nil {
		c.ids[kind] = make(map[string]int)
	}
	if j, dup := c.ids[kind][id]; dup {
		c.addf(where, "duplicate id (first defined at %s[%d])", list, j)
		return
	}
	c.ids[kind][id] = i
}

func checkID(id string) error {
	switch {
	case id == "":
		return errors.New("id is empty")
	case strings.TrimSpace(id) != id:
		return errors.New("id has leading or trailing spaces")
	case len(id) > 140:
		return errors.New("id is longer than 140 bytes")
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return errors.New("id contains control characters")
	}
	return nil
}

// indexAll registers every id of the file before any reference is followed.
func (c *checker) indexAll() {
	c.ids = make(map[string]map[string]int)
	f := c.f
	for i, x := range f.Institutions {
		c.register(KindInstitution, "institutions", i, x.ID)
	}
	for i, x := range f.Streams {
		c.register(KindStream, "streams", i, x.ID)
	}
	for i, x := range f.Grades {
		c.register(KindGrade, "grades", i, x.ID)
	}
	for i, x := range f.Seasons {
		c.register(KindSeason, "seasons", i, x.ID)
	}
	c.indexContent()
	for i, x := range f.Plans {
		c.register(KindPlan, "plans", i, x.ID)
	}
	for i, x := range f.SalesItems {
		c.register(KindSalesItem, "sales_items", i, x.ID)
	}
	for i, x := range f.Users {
		c.register(KindUser, "users", i, x.Email)
	}
}

func (c *checker) indexContent() {
	f := c.f
	for i, x := range f.Subjects {
		c.register(KindSubject, "subjects", i, x.ID)
	}
	for i, x := range f.Tracks {
		c.register(KindTrack, "tracks", i, x.ID)
	}
	for i, x := range f.Units {
		c.register(KindUnit, "units", i, x.ID)
	}
	for i, x := range f.Topics {
		c.register(KindTopic, "topics", i, x.ID)
	}
	for i, x := range f.Lessons {
		c.register(KindLesson, "lessons", i, x.ID)
	}
	c.indexStages()
}

// indexStages registers stage ids globally (they are SRS question ids); the index kept is the lesson's.
func (c *checker) indexStages() {
	c.ids[KindStage] = make(map[string]int)
	first := make(map[string]string)
	for li, l := range c.f.Lessons {
		for si, s := range l.Stages {
			where := at("lessons", li, l.ID) + ": " + at("stages", si, s.ID)
			if err := checkStageID(s.ID); err != nil {
				c.addf(where, "%v", err)
				continue
			}
			if prev, dup := first[s.ID]; dup {
				c.addf(where, "duplicate stage id (first defined at %s)", prev)
				continue
			}
			first[s.ID] = where
			c.ids[KindStage][s.ID] = li
		}
	}
}

func checkStageID(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if strings.Contains(id, ":") {
		return errors.New(`id contains ":" (reserved for "<stage>:<index>" question ids)`)
	}
	return nil
}

// required reports an empty mandatory text field.
func (c *checker) required(where, field, value string) {
	if strings.TrimSpace(value) == "" {
		c.addf(where, "%s is required", field)
	}
}

// oneOf reports a value outside an enum; empty is allowed when the field has a default.
func (c *checker) oneOf(where, field, value string, allowEmpty bool, values ...string) {
	if value == "" && allowEmpty {
		return
	}
	for _, v := range values {
		if value == v {
			return
		}
	}
	c.addf(where, "%s %q is not one of %s", field, value, strings.Join(values, ", "))
}

func (c *checker) nonNegative(where, field string, v int64) {
	if v < 0 {
		c.addf(where, "%s %d is negative", field, v)
	}
}

// prices checks an optional full and discounted price pair: both non-negative, discount not above full.
func (c *checker) prices(where, fullField string, full, discounted *int64) {
	if full != nil {
		c.nonNegative(where, fullField, *full)
	}
	if discounted == nil {
		return
	}
	c.nonNegative(where, "discounted_price_cents", *discounted)
	if full != nil && *discounted > *full {
		c.addf(where, "discounted_price_cents %d is above %s %d", *discounted, fullField, *full)
	}
}
