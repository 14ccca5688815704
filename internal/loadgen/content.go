package loadgen

import (
	"context"
	"fmt"
	"time"

	"memora/internal/demo"
	"memora/internal/importer"
	"memora/internal/store"
)

// contentFiles are the import files a population stands on: the demo catalogue and the
// loadgen institution with the drill lessons records distinct questions need.
type contentFiles struct {
	demo, loadgen *importer.File
	catalog       *Catalog
}

func buildContent(records int, now time.Time) (contentFiles, error) {
	full, err := demo.Load(now)
	if err != nil {
		return contentFiles{}, err
	}
	c := contentFiles{demo: contentOnly(full)}
	demoCat, err := NewCatalog(c.demo)
	if err != nil {
		return contentFiles{}, err
	}
	c.loadgen = loadgenFile(records - len(demoCat.Atoms))
	merged := *c.demo
	merged.Subjects = concat(c.demo.Subjects, c.loadgen.Subjects)
	merged.Tracks = concat(c.demo.Tracks, c.loadgen.Tracks)
	merged.Units = concat(c.demo.Units, c.loadgen.Units)
	merged.Topics = concat(c.demo.Topics, c.loadgen.Topics)
	merged.Lessons = concat(c.demo.Lessons, c.loadgen.Lessons)
	c.catalog, err = NewCatalog(&merged)
	return c, err
}

func concat[T any](a, b []T) []T { return append(append(make([]T, 0, len(a)+len(b)), a...), b...) }

// CatalogFor is the catalogue of a population with records per student, without touching a
// database: the driver uses it to know each student's lessons.
func CatalogFor(records int, now time.Time) (*Catalog, error) {
	c, err := buildContent(records, now)
	return c.catalog, err
}

// prepareContent imports the demo catalogue when the database lacks it, then the loadgen
// institution and its drills (idempotent), and returns the catalogue.
func prepareContent(ctx context.Context, st store.Store, records int, now time.Time) (*Catalog, error) {
	c, err := buildContent(records, now)
	if err != nil {
		return nil, err
	}
	missing, err := lacksContent(ctx, st, c.demo)
	if err != nil {
		return nil, err
	}
	if missing {
		if _, err := importer.Apply(ctx, st, c.demo, now); err != nil {
			return nil, fmt.Errorf("populate: demo content: %w", err)
		}
	}
	if _, err := importer.Apply(ctx, st, c.loadgen, now); err != nil {
		return nil, fmt.Errorf("populate: loadgen institution: %w", err)
	}
	return c.catalog, nil
}

// contentOnly is the demo file without its people: the population brings its own students.
func contentOnly(f *importer.File) *importer.File {
	c := *f
	c.Users, c.Subscriptions, c.Players = nil, nil, nil
	return &c
}

// lacksContent reports whether any season or lesson of f is missing from the database.
func lacksContent(ctx context.Context, st store.Store, f *importer.File) (bool, error) {
	type row struct{ kind, id string }
	var rows []row
	for _, s := range f.Seasons {
		rows = append(rows, row{"season", s.ID})
	}
	for _, l := range f.Lessons {
		rows = append(rows, row{"lesson", l.ID})
	}
	for _, r := range rows {
		ok, err := st.Exists(ctx, r.kind, r.id)
		if err != nil {
			return false, fmt.Errorf("populate: %w", err)
		}
		if !ok {
			return true, nil
		}
	}
	return false, nil
}
