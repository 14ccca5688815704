package litestore

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"memora/internal/store"
)

const dateLayout = "2006-01-02"

var sqlNoRows = sql.ErrNoRows

// Times are stored as Unix microseconds, dates as YYYY-MM-DD text.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func microsPtr(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	v := t.UnixMicro()
	return &v
}

func fromMicrosPtr(v *int64) *time.Time {
	if v == nil {
		return nil
	}
	t := fromMicros(*v)
	return &t
}

func date(t time.Time) string { return t.Format(dateLayout) }

func fromDate(s string) time.Time {
	t, _ := time.Parse(dateLayout, s)
	return t
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("{}")
	}
	return json.RawMessage(s)
}

func jsonText(m json.RawMessage) string {
	if len(m) == 0 {
		return "{}"
	}
	return string(m)
}

// wrap turns driver errors into the store's sentinels, prefixed with the operation.
func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	case strings.Contains(err.Error(), "UNIQUE constraint failed"), strings.Contains(err.Error(), "PRIMARY KEY"):
		return fmt.Errorf("%s: %w: %v", op, store.ErrConflict, err)
	case strings.Contains(err.Error(), "database is locked"), strings.Contains(err.Error(), "SQLITE_BUSY"):
		// still busy after busy_timeout: the writer is overloaded, the caller may retry
		return fmt.Errorf("%s: %w: %v", op, store.ErrUnavailable, err)
	default:
		return fmt.Errorf("%s: %w", op, err)
	}
}

func optDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := date(*t)
	return &s
}

func fromOptDate(s *string) *time.Time {
	if s == nil {
		return nil
	}
	t := fromDate(*s)
	return &t
}
