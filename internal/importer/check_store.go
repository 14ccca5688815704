package importer

import (
	"context"
	"strings"

	"memora/internal/problem"
	"memora/internal/store"
)

const msgEntriesInvalid = "The content is not valid: {errors}"

// CheckEntries validates entries by the rules of a whole import, their references resolved
// in the file or the database: what staff saves of single entries (a lesson, a plan, a
// sales item) are checked with. f needs no format header. A failure is a 400 listing every
// problem, each naming the entry and the field.
func CheckEntries(ctx context.Context, st store.Executor, f File) error {
	f.Format, f.Version = FormatName, FormatVersion
	err := f.ValidateAgainst(func(kind, id string) bool {
		ok, err := st.Exists(ctx, kind, id)
		return err == nil && ok
	})
	if err != nil {
		return Problem(err)
	}
	return nil
}

// Problem turns a validation report into a 400 that lists every problem on one line.
func Problem(err error) error {
	var lines []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line != ErrInvalid.Error() && line != "" {
			lines = append(lines, line)
		}
	}
	return problem.Invalidf(msgEntriesInvalid, "errors", strings.Join(lines, "; "))
}
