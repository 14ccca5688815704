package authoring

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"memora/internal/audit"
	"memora/internal/identity"
	"memora/internal/importer"
	"memora/internal/problem"
)

// Change is one entry of an import and what it would do.
type Change struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Action string `json:"action"` // "create" or "update"
}

// ImportResult is what an import did, or with DryRun what it would do.
type ImportResult struct {
	DryRun  bool     `json:"dry_run"`
	Changes []Change `json:"changes"`
	Created int      `json:"created"`
	Updated int      `json:"updated"`
	Summary string   `json:"summary,omitempty"` // what was written (not on a dry run)
}

const (
	msgImportScope = "Only a System Manager can import more than content, or content of another institution: {where}"
	msgImportParse = "The import file is not valid: {errors}"
)

// Import loads an import file (the format of `memora import`): it is validated whole, then
// written in one transaction. With dryRun nothing is written and the answer lists what
// would be created and updated. An institution's staff may import only content (subjects
// to lessons) of their own institution.
func (s *Service) Import(ctx context.Context, c identity.Caller, data []byte, dryRun bool) (ImportResult, error) {
	f, err := importer.Parse(bytes.NewReader(data))
	if err != nil {
		return ImportResult{}, problem.Invalidf(msgImportParse, "errors", err.Error())
	}
	if !c.IsSystemManager() {
		if err := s.ownedImport(ctx, c, f); err != nil {
			return ImportResult{}, err
		}
	}
	now := s.Clock.Now()
	if err := validate(ctx, s.Store, *f.ResolveTimes(now)); err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{DryRun: dryRun, Changes: []Change{}}
	for _, e := range entries(f) {
		ok, err := s.Store.Exists(ctx, e.Kind, e.ID)
		if err != nil {
			return ImportResult{}, fmt.Errorf("import: %w", err)
		}
		e.Action = "create"
		if ok {
			e.Action = "update"
			res.Updated++
		} else {
			res.Created++
		}
		res.Changes = append(res.Changes, e)
	}
	if dryRun {
		return res, nil
	}
	sum, err := importer.Apply(ctx, s.Store, f, now)
	if err != nil {
		if errors.Is(err, importer.ErrInvalid) {
			return ImportResult{}, importer.Problem(err)
		}
		return ImportResult{}, err
	}
	res.Summary = sum.String()
	if err := s.Audit.Record(ctx, nil, c.Entry(audit.ContentImported, "api",
		map[string]any{"created": res.Created, "updated": res.Updated, "summary": res.Summary})); err != nil {
		return ImportResult{}, err
	}
	s.changed()
	return res, nil
}

// entries lists the identified entries of a file (users by e-mail).
func entries(f *importer.File) []Change {
	var out []Change
	add := func(kind, id string) { out = append(out, Change{Kind: kind, ID: id}) }
	for _, x := range f.Institutions {
		add(importer.KindInstitution, x.ID)
	}
	for _, x := range f.Streams {
		add(importer.KindStream, x.ID)
	}
	for _, x := range f.Grades {
		add(importer.KindGrade, x.ID)
	}
	for _, x := range f.Seasons {
		add(importer.KindSeason, x.ID)
	}
	for _, x := range f.Subjects {
		add(importer.KindSubject, x.ID)
	}
	for _, x := range f.Tracks {
		add(importer.KindTrack, x.ID)
	}
	for _, x := range f.Units {
		add(importer.KindUnit, x.ID)
	}
	for _, x := range f.Topics {
		add(importer.KindTopic, x.ID)
	}
	for _, x := range f.Lessons {
		add(importer.KindLesson, x.ID)
	}
	for _, x := range f.Plans {
		add(importer.KindPlan, x.ID)
	}
	for _, x := range f.SalesItems {
		add(importer.KindSalesItem, x.ID)
	}
	for _, x := range f.Users {
		add(importer.KindUser, identity.NormalizeEmail(x.Email))
	}
	return out
}

// ownedImport refuses a file that holds more than content, or content that is (or would
// hang under) another institution's or a shared subject.
func (s *Service) ownedImport(ctx context.Context, c identity.Caller, f *importer.File) error {
	// In the file format's order: of several such sections the first is named, every time.
	other := [...]struct {
		section string
		n       int
	}{{"institutions", len(f.Institutions)}, {"streams", len(f.Streams)}, {"grades", len(f.Grades)},
		{"seasons", len(f.Seasons)}, {"plans", len(f.Plans)}, {"sales_items", len(f.SalesItems)}, {"users", len(f.Users)},
		{"join_codes", len(f.JoinCodes)}, {"subscriptions", len(f.Subscriptions)}, {"players", len(f.Players)}}
	for _, o := range other {
		if o.n > 0 {
			return problem.Newf(problem.Forbidden, msgImportScope, "where", o.section)
		}
	}
	subjects := map[string]bool{} // subjects of the file (all the caller's)
	for _, x := range f.Subjects {
		if x.Institution != c.InstitutionID {
			return problem.Newf(problem.Forbidden, msgImportScope, "where", "subject "+x.ID)
		}
		subjects[x.ID] = true
		if err := s.ownedIfStored(ctx, c, KindSubject, x.ID); err != nil {
			return err
		}
	}
	ownSubject := func(id string) error {
		if subjects[id] {
			return nil
		}
		_, err := s.subject(ctx, s.Store, c, id)
		return scopeError(err, "subject "+id)
	}
	units := map[string]string{} // unit → subject, for the file's units
	for _, x := range f.Tracks {
		if err := ownSubject(x.Subject); err != nil {
			return err
		}
		if err := s.ownedIfStored(ctx, c, KindTrack, x.ID); err != nil {
			return err
		}
	}
	for _, x := range f.Units {
		if err := ownSubject(x.Subject); err != nil {
			return err
		}
		units[x.ID] = x.Subject
		if err := s.ownedIfStored(ctx, c, KindUnit, x.ID); err != nil {
			return err
		}
	}
	ownUnit := func(id string) error {
		if _, ok := units[id]; ok {
			return nil
		}
		_, err := s.owned(ctx, s.Store, c, KindUnit, id)
		return scopeError(err, "unit "+id)
	}
	for _, x := range f.Topics {
		if err := ownUnit(x.Unit); err != nil {
			return err
		}
		if err := s.ownedIfStored(ctx, c, KindTopic, x.ID); err != nil {
			return err
		}
	}
	for _, x := range f.Lessons {
		if err := ownUnit(x.Unit); err != nil {
			return err
		}
		if err := s.ownedIfStored(ctx, c, KindLesson, x.ID); err != nil {
			return err
		}
	}
	return nil
}

// ownedIfStored refuses an entry whose id names a stored row the caller may not change.
func (s *Service) ownedIfStored(ctx context.Context, c identity.Caller, kind, id string) error {
	ok, err := s.Store.Exists(ctx, kind, id)
	if err != nil || !ok {
		return err
	}
	_, err = s.owned(ctx, s.Store, c, kind, id)
	return scopeError(err, kind+" "+id)
}

// scopeError turns "not found / forbidden" of a referenced row into the import's refusal;
// a missing row is left to validation.
func scopeError(err error, where string) error {
	p, ok := problem.As(err)
	switch {
	case err == nil:
		return nil
	case ok && p.Kind == problem.NotFound, ok && p.Kind == problem.Forbidden:
		return problem.Newf(problem.Forbidden, msgImportScope, "where", where)
	}
	return err
}
