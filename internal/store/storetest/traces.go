package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// userColumns are the column names that hold a user's id, in whatever table they appear.
var userColumns = []string{"user_id", "actor_user_id", "decided_by", "pushed_by", "player_id"}

// UserTraces finds what the database still holds of a user, in every table of the schema
// (tables added later included): rows whose user columns (user_id, actor_user_id,
// decided_by, pushed_by, player_id) hold userID, and rows whose text or JSON columns contain email. It returns
// "table.column" → rows; empty when nothing is left.
func UserTraces(t testing.TB, s store.Store, userID int64, email string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, c := range columns(t, s) {
		var n int64
		switch {
		case slices.Contains(userColumns, c.name):
			n = CountRows(t, s, fmt.Sprintf("SELECT count(*) FROM %s WHERE %s = %d", c.table, c.name, userID))
		case c.text:
			n = CountRows(t, s, fmt.Sprintf("SELECT count(*) FROM %s WHERE %s LIKE '%%%s%%'", c.table, c.cast(s), strings.ReplaceAll(email, "'", "''")))
		}
		if n > 0 {
			out[c.table+"."+c.name] = n
		}
	}
	return out
}

type column struct {
	table, name string
	text        bool
}

func (c column) cast(s store.Store) string {
	if s.Engine() == store.Postgres {
		return c.name + "::text"
	}
	return c.name
}

// columns lists every column of every table (PostgreSQL: the base tables of the current
// schema, partitions included; SQLite: every table).
func columns(t testing.TB, s store.Store) []column {
	t.Helper()
	var out []column
	switch db := s.(type) {
	case *pgstore.Store:
		rows, err := db.Pool().Query(context.Background(), `SELECT c.table_name, c.column_name, c.data_type IN ('text', 'jsonb', 'json', 'character varying')
			FROM information_schema.columns c JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
			WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE' ORDER BY 1, 2`)
		if err != nil {
			t.Fatalf("columns: %v", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c column
			if err := rows.Scan(&c.table, &c.name, &c.text); err != nil {
				t.Fatalf("columns: %v", err)
			}
			out = append(out, c)
		}
	case *litestore.Store:
		rows, err := db.Writer().Query(`SELECT m.name, p.name, upper(p.type) IN ('TEXT', '') FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2`)
		if err != nil {
			t.Fatalf("columns: %v", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c column
			if err := rows.Scan(&c.table, &c.name, &c.text); err != nil {
				t.Fatalf("columns: %v", err)
			}
			out = append(out, c)
		}
	default:
		t.Fatalf("columns: unknown store %T", s)
	}
	return out
}
