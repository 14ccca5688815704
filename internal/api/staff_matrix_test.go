package api_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"memora/internal/api"
	"memora/internal/apitest"
	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
	"memora/internal/store/storetest"
)

// The institutions of the matrix: the callers' own, and another one.
const (
	ownInst   = "own-school"
	otherInst = "other-school"
)

var matrixRoles = []string{store.RoleStudent, store.RoleTeacher, store.RoleContentManager,
	store.RoleInstitutionAdmin, store.RoleSystemManager}

// matrixCase says how to call one staff operation on a fresh object of an institution.
type matrixCase struct {
	// params builds the parameters of one call about an object of inst; every call gets
	// fresh objects, so allowed calls do not disturb the next ones.
	params func(f *fixture, inst string) map[string]any
	// global: the operation is about no institution's object (seasons, SRS, the caller's
	// own lists); the foreign call is the same call.
	global bool
	// authOnly: an allowed call must pass authorization (no 401/403) but may be refused
	// for the state of the object (an SRS operation without Redis, say).
	authOnly bool
}

// TestEveryStaffOperationAnswersOnlyItsRolesAndOnlyForItsInstitution walks the
// authorization table: every staff operation × every role × an object of the caller's own
// institution and of another one. Allowed roles get 2xx for their own institution (a
// System Manager for both); every other call gets 403 (404 for another institution's
// object) and changes nothing in the database; every allowed mutation is in the audit log.
func TestEveryStaffOperationAnswersOnlyItsRolesAndOnlyForItsInstitution(t *testing.T) {
	t.Parallel()
	var staff []api.Operation
	for _, op := range api.Table() {
		if op.Roles != nil {
			staff = append(staff, op)
		}
	}
	for _, op := range staff {
		if _, ok := matrixCases[op.Module+"."+op.Function]; !ok {
			t.Errorf("%s.%s: no case in matrixCases", op.Module, op.Function)
		}
	}
	if t.Failed() {
		return
	}
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := newFixture(t, env)
		clients := map[string]*apitest.Client{}
		for _, role := range matrixRoles {
			clients[role], _ = env.LoginAs(strings.ReplaceAll(strings.ToLower(role), " ", "-")+"@own.test", ownInst, role)
		}
		var calls, allowed, refused, unexpected int
		for _, op := range staff {
			c := matrixCases[op.Module+"."+op.Function]
			for _, role := range matrixRoles {
				for _, inst := range []string{ownInst, otherInst} {
					calls++
					params := c.params(f, inst)
					may := slices.Contains(op.Roles, role) && (inst == ownInst || c.global || role == store.RoleSystemManager)
					var before string
					if !may {
						before = digest(t, env.Store)
					}
					audited := auditCount(t, env.Store)
					r := call(clients[role], op, params)
					where := fmt.Sprintf("%s.%s as %s on %s", op.Module, op.Function, role, inst)
					switch {
					case may && c.authOnly:
						allowed++
						if r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden {
							unexpected++
							t.Errorf("%s: %d, want past authorization: %s", where, r.Status, r.Body)
						}
					case may:
						allowed++
						if r.Status/100 != 2 {
							unexpected++
							t.Errorf("%s: %d, want 2xx: %s", where, r.Status, r.Body)
						}
						if op.Mutation && r.Status/100 == 2 && auditCount(t, env.Store) == audited {
							t.Errorf("%s: the mutation left no audit entry", where)
						}
					default:
						refused++
						want := r.Status == http.StatusForbidden ||
							(r.Status == http.StatusNotFound && slices.Contains(op.Roles, role) && inst == otherInst)
						if !want {
							unexpected++
							t.Errorf("%s: %d, want 403 (or 404 for another institution's object): %s", where, r.Status, r.Body)
						}
						if after := digest(t, env.Store); after != before {
							t.Errorf("%s: the refused call changed the database", where)
						}
					}
				}
			}
		}
		t.Logf("authorization matrix: %d staff operations × %d roles × 2 institutions = %d calls: %d allowed, %d refused, %d unexpected",
			len(staff), len(matrixRoles), calls, allowed, refused, unexpected)
	})
}

// call sends one operation: reads as GET with the parameters in the query (JSON values
// encoded), mutations as a POST with a JSON body.
func call(c *apitest.Client, op api.Operation, params map[string]any) apitest.Response {
	if op.Mutation {
		return c.Post(op.Path(), params)
	}
	q := map[string]string{}
	for k, v := range params {
		switch v := v.(type) {
		case string:
			q[k] = v
		default:
			q[k] = mustJSON(v)
		}
	}
	return c.Get(op.Path(), q)
}

// digest hashes every row of every data table (not sessions, API keys or the job queue,
// which a request may touch without changing anything).
func digest(t *testing.T, st store.Store) string {
	t.Helper()
	ctx := context.Background()
	h := sha256.New()
	switch db := st.(type) {
	case *litestore.Store:
		tables := sqlStrings(t, db.Writer(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
		for _, table := range tables {
			if skipTable(table) {
				continue
			}
			rows, err := db.Writer().QueryContext(ctx, "SELECT * FROM "+table)
			if err != nil {
				t.Fatalf("digest %s: %v", table, err)
			}
			cols, _ := rows.Columns()
			var lines []string
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatalf("digest %s: %v", table, err)
				}
				lines = append(lines, fmt.Sprint(vals...))
			}
			rows.Close()
			slices.Sort(lines)
			fmt.Fprintln(h, table, strings.Join(lines, "\n"))
		}
	case *pgstore.Store:
		rows, err := db.Pool().Query(ctx, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for rows.Next() {
			var name string
			_ = rows.Scan(&name)
			tables = append(tables, name)
		}
		rows.Close()
		for _, table := range tables {
			if skipTable(table) {
				continue
			}
			rows, err := db.Pool().Query(ctx, "SELECT * FROM "+table)
			if err != nil {
				t.Fatalf("digest %s: %v", table, err)
			}
			var lines []string
			for rows.Next() {
				vals, err := rows.Values()
				if err != nil {
					t.Fatalf("digest %s: %v", table, err)
				}
				lines = append(lines, fmt.Sprint(vals...))
			}
			rows.Close()
			slices.Sort(lines)
			fmt.Fprintln(h, table, strings.Join(lines, "\n"))
		}
	default:
		t.Fatalf("digest: unknown store %T", st)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// auditCount is the number of audit entries.
func auditCount(t *testing.T, st store.Store) int64 {
	return storetest.CountRows(t, st, "SELECT count(*) FROM audit_log")
}

func skipTable(name string) bool {
	return strings.HasPrefix(name, "river_") || strings.HasPrefix(name, "goose") || strings.HasPrefix(name, "sqlite_") ||
		name == "auth_sessions" || name == "api_keys"
}

func sqlStrings(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// fixture makes fresh objects of either institution for the matrix.
type fixture struct {
	t   *testing.T
	env *apitest.Env
	n   atomic.Int64
}

func newFixture(t *testing.T, env *apitest.Env) *fixture {
	env.Institution(ownInst)
	env.Institution(otherInst)
	return &fixture{t: t, env: env}
}

// next is a fresh suffix.
func (f *fixture) next() string { return fmt.Sprintf("%d", f.n.Add(1)) }

// contentTree is a subject of an institution with one of everything under it.
type contentTree struct {
	Subject, Track, Unit, PathUnit, Topic, Lesson, Lesson2, Stage string
}

func (f *fixture) tree(inst string) contentTree {
	f.t.Helper()
	ctx := context.Background()
	n := f.next()
	x := contentTree{Subject: "m-sub-" + n, Track: "m-tr-" + n, Unit: "m-unit-" + n, PathUnit: "m-path-" + n,
		Topic: "m-topic-" + n, Lesson: "m-les-" + n, Lesson2: "m-les2-" + n, Stage: "m-stage-" + n}
	now := f.env.Clock.Now()
	st := f.env.Store
	must(f.t, st.SubjectUpsert(ctx, store.Subject{ID: x.Subject, InstitutionID: &inst, Title: "S " + n, CreatedAt: now}))
	must(f.t, st.TrackUpsert(ctx, store.Track{ID: x.Track, SubjectID: x.Subject, Title: "T", IsDefault: true, CreatedAt: now}))
	must(f.t, st.UnitUpsert(ctx, store.Unit{ID: x.Unit, SubjectID: x.Subject, TrackID: x.Track, Title: "U",
		StructureType: store.TopicBased, CreatedAt: now}))
	must(f.t, st.UnitUpsert(ctx, store.Unit{ID: x.PathUnit, SubjectID: x.Subject, TrackID: x.Track, Title: "P",
		StructureType: store.LessonBased, Position: 1, CreatedAt: now}))
	must(f.t, st.TopicUpsert(ctx, store.Topic{ID: x.Topic, UnitID: x.Unit, Title: "Tp", IsLinear: true, CreatedAt: now}))
	for i, id := range []string{x.Lesson, x.Lesson2} {
		must(f.t, st.LessonUpsert(ctx, store.Lesson{ID: id, UnitID: x.Unit, TopicID: &x.Topic, Title: id, XPReward: 10,
			Position: i, CreatedAt: now}))
	}
	must(f.t, st.StagesReplace(ctx, x.Lesson, []store.Stage{{ID: x.Stage, Title: "R", Type: "reading",
		Config: []byte(`{"text":"Read me"}`)}, {ID: x.Stage + "b", Title: "R2", Type: "reading", Config: []byte(`{"text":"And me"}`)}}))
	return x
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// matrixCases has a case for every staff operation of the authorization table.
var matrixCases = map[string]matrixCase{}

func addCases(cases map[string]matrixCase) {
	for k, v := range cases {
		matrixCases[k] = v
	}
}

func none(*fixture, string) map[string]any { return map[string]any{} }

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}
