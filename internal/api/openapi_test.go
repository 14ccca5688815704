package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"memora/internal/api"
	"memora/internal/audit"
	"memora/internal/catalog"
	"memora/internal/jobs"
	lb "memora/internal/leaderboard"
	"memora/internal/play"
	"memora/internal/profile"
	"memora/internal/progress"
	"memora/internal/review"
	"memora/internal/season"
	"memora/internal/shop"
)

var update = flag.Bool("update", false, "rewrite openapi.json from the Go types")

// guestInfo is get_player_login_info's answer to a guest.
type guestInfo struct { //nolint:unused // read by reflection
	IsLoggedIn bool `json:"is_logged_in"`
}

// oneOf marks an answer that is one of several types (anyOf in the document: a guest's
// answer is a subset of a player's).
type oneOf []reflect.Type

// answers is the Go type of the "message" of every operation: the source of the document's
// response schemas. A handler answering something else fails the response validation of the
// tests that call it.
var answers = map[string]any{
	"onboarding.get_academic_masters": profile.Masters{},
	"onboarding.set_academic_profile": struct {
		Status string `json:"status"`
	}{},
	"profile.get_player_profile":           profile.Summary{},
	"profile.get_player_login_info":        oneOf{reflect.TypeFor[profile.LoginInfo](), reflect.TypeFor[guestInfo]()},
	"profile.get_full_profile_stats":       progress.Stats{},
	"subjects.get_subjects":                []catalog.SubjectItem{},
	"subjects.get_my_subjects":             []catalog.MySubject{},
	"subjects.get_game_tracks":             []catalog.TrackItem{},
	"map_engine.get_map_data":              []catalog.MapSubject{},
	"map_engine.get_topic_details":         catalog.TopicDetails{},
	"map_engine.get_track_details":         catalog.TrackDetails{},
	"sessions.get_lesson_details":          play.LessonDetails{},
	"sessions.submit_session":              play.Result{},
	"user_access.get_user_access_keys":     catalog.AccessKeys{},
	"academic_cache.get_plan_version":      catalog.PlanVersion{},
	"reviews.get_review_session":           review.Session{},
	"reviews.submit_review_session":        review.Result{},
	"srs.archive_season":                   season.Archived{},
	"srs.get_archive_status":               season.ArchiveStatus{},
	"srs.delete_eligible_archived_records": season.Deleted{},
	"srs.get_cache_status":                 season.CacheStatus{},
	"srs.rebuild_season_cache":             season.RebuildStarted{},
	"srs.trigger_reconciliation":           season.Report{},
	"srs.get_partition_stats":              season.Partitions{},
	"srs.get_alerts":                       []season.AlertView{},
	"srs.acknowledge_alert":                season.AlertView{},
	"season.get_seasons":                   []season.View{},
	"season.create_season":                 season.View{},
	"season.update_season":                 season.Updated{},
	"season.activate_season":               season.View{},
	"season.end_season":                    season.View{},
	"audit.get_audit_log":                  []audit.Record{},
	"jobs.get_dashboard":                   jobs.Dashboard{},
	"quests.get_daily_quests":              []progress.Quest{},
	"leaderboard.get_leaderboard":          lb.Reply{},
	"store.get_store_items":                []shop.Item{},
	"store.request_purchase":               shop.RequestReply{},
	"store.get_purchase_requests":          []shop.RequestView{},
	"store.approve_purchase_request":       shop.Decision{},
	"store.reject_purchase_request":        shop.Decision{},
	"profile.get_review_forecast":          []progress.ForecastDay{},
	"auth.forgot_password":                 "",
	"auth.reset_password":                  "",
	"logout":                               "",
	// The staff API (staff_answers_test.go).
	// The legacy monolith's routes (legacy.go): the answers of the endpoints they alias.
	"legacy.get_subjects":       []catalog.SubjectItem{},
	"legacy.get_map_data":       []catalog.MapSubject{},
	"legacy.get_lesson_details": play.LessonDetails{},
	"legacy.submit_session":     play.Result{},
	"legacy.get_player_profile": profile.Summary{},
}

// legacyFunctions are the legacy monolith's routes, /api/method/memora.api.<function> (tag legacy).
var legacyFunctions = map[string]bool{"get_subjects": true, "get_map_data": true, "get_lesson_details": true,
	"submit_session": true, "get_player_profile": true}

// ownReply are the operations that answer in Frappe's login shape, not the envelope: their
// 200 is written in the document.
var ownReply = map[string]bool{"/api/method/login": true, "/api/method/memora.api.auth.sign_up": true}

var methodPath = regexp.MustCompile(`^/api/method/(?:memora\.api\.|memora\.json_builders\.)?(.+)$`)

// errorStatuses are the failures any API operation can answer, each with the Error body.
var errorStatuses = []string{"400", "401", "403", "404", "405", "409", "413", "429", "500", "503"}

// TestOpenAPIDocumentIsGeneratedFromTheGoTypes regenerates the typed parts of openapi.json —
// operationIds, tags, response schemas from the Go types of the answers, error responses —
// and requires the committed document to be that result (go test ./internal/api -run
// OpenAPI -update rewrites it). Parameters and descriptions are kept in the document.
func TestOpenAPIDocumentIsGeneratedFromTheGoTypes(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	if err := json.Unmarshal(api.OpenAPIDocument(), &doc); err != nil {
		t.Fatal(err)
	}
	for name, answer := range staffAnswers {
		answers[name] = answer
	}
	gen := &schemaGen{schemas: map[string]any{}, names: map[reflect.Type]string{}}
	paths := doc["paths"].(map[string]any)
	used := map[string]bool{}
	tags := map[string]bool{}
	for path, item := range paths {
		ops := item.(map[string]any)
		methods := sortedKeys(ops)
		for _, method := range methods {
			op := ops[method].(map[string]any)
			name, tag := operationName(path)
			tags[tag] = true
			op["tags"] = []any{tag}
			op["operationId"] = operationID(name, method, methods)
			responses := op["responses"].(map[string]any)
			if !strings.HasPrefix(path, "/api/method/") {
				// The router answers a method it does not serve with 405 and the Error body.
				responses["405"] = map[string]any{"$ref": "#/components/responses/Error"}
				continue
			}
			if answer, ok := answers[name]; ok {
				used[name] = true
				responses["200"] = map[string]any{
					"description": "The answer, in the Frappe envelope",
					"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
						"type": "object", "required": []any{"message"},
						"properties": map[string]any{"message": gen.answer(answer)},
					}}},
				}
			} else if !ownReply[path] {
				t.Errorf("%s: no Go type for its answer in the answers table", path)
			}
			for _, status := range errorStatuses {
				responses[status] = map[string]any{"$ref": "#/components/responses/Error"}
			}
		}
	}
	for name := range answers {
		if !used[name] {
			t.Errorf("answers lists %s, which the document does not have", name)
		}
	}
	components := doc["components"].(map[string]any)
	schemas := components["schemas"].(map[string]any)
	for name := range schemas {
		if name != "Error" && name != "LoginReply" {
			delete(schemas, name)
		}
	}
	for name, s := range gen.schemas {
		schemas[name] = s
	}
	var tagList []any
	for _, tag := range sortedKeys(tags) {
		tagList = append(tagList, map[string]any{"name": tag, "description": tagDescriptions[tag]})
	}
	doc["tags"] = tagList
	info := doc["info"].(map[string]any)
	info["description"] = docDescription
	info["license"] = map[string]any{"name": "Proprietary", "url": "https://memora.invalid/license"}
	components["responses"].(map[string]any)["Error"].(map[string]any)["description"] = errorDescription

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("openapi.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(buf.Bytes(), api.OpenAPIDocument()) {
		t.Fatal("openapi.json is not what the Go types give: run go test ./internal/api -run OpenAPIDocument -update")
	}
}

const docDescription = "Frappe-style method routes: /api/method/memora.api.<module>.<function>. " +
	"Success bodies are {\"message\": <result>}. Reads accept GET (query string) and POST; mutations accept POST " +
	"only (JSON or form body). Errors: {exc_type, exc, _server_messages} with 400/401/403/404/405/409/413/429/500/503.\n\n" +
	"Language: error messages are written in English or Arabic. The `lang` cookie (`ar` or `en`, set by the web app) " +
	"chooses; without it, the first of Arabic and English in `Accept-Language`; without either, English."

const errorDescription = "Error, in the Frappe shape. `exc` and `_server_messages` are in the language of the " +
	"request: the `lang` cookie, else `Accept-Language` (Arabic or English), else English."

var tagDescriptions = map[string]string{
	"auth":           "Sign in and out",
	"onboarding":     "Grade, stream and season of a new player",
	"profile":        "The player's profile and statistics",
	"subjects":       "Subjects and tracks of the player's plan",
	"map_engine":     "The learning map",
	"sessions":       "Lessons: details and submissions",
	"user_access":    "What the player's subscriptions open",
	"academic_cache": "Plan versions for client caches",
	"reviews":        "Spaced-repetition review sessions",
	"srs":            "SRS administration (System Manager)",
	"season":         "Seasons (System Manager)",
	"audit":          "The audit log",
	"jobs":           "Background jobs (System Manager)",
	"quests":         "Daily quests",
	"leaderboard":    "Leaderboards",
	"store":          "The store and purchase requests",
	"operations":     "Health, metrics and this document",
	"content":        "Content authoring (Content Manager, Institution Admin, System Manager)",
	"academic":       "Grades, streams and academic plans (plans: Institution Admin, Content Manager; grades and streams: System Manager)",
	"teaching":       "The class view (Teacher, Institution Admin, System Manager)",
	"people":         "Users, roles, join codes and institution settings (Institution Admin, System Manager)",
	"legacy":         "The original's legacy monolith routes (memora.api.<function>): aliases of the modular endpoints",
}

// operationName is "module.function" of a method path ("legacy.function" for the legacy
// monolith's), or the last path element, and its tag.
func operationName(path string) (name, tag string) {
	if m := methodPath.FindStringSubmatch(path); m != nil {
		name = m[1]
		if module, _, ok := strings.Cut(name, "."); ok {
			return name, module
		}
		if legacyFunctions[name] {
			return "legacy." + name, "legacy"
		}
		return name, "auth"
	}
	if strings.HasPrefix(path, "/app/jobs") {
		return "jobs.ui", "jobs"
	}
	return strings.Trim(strings.ReplaceAll(path, "/", "_"), "_"), "operations"
}

// operationID is module_function for the main method, with the method appended for the others.
func operationID(name, method string, methods []string) string {
	id := strings.NewReplacer(".", "_", "-", "_").Replace(name)
	main := "get"
	if !slices.Contains(methods, "get") {
		main = methods[0]
	}
	if method != main {
		id += "_" + method
	}
	return id
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// schemaGen turns Go types into OpenAPI 3.0 schemas the way encoding/json encodes them;
// named struct types become components.
type schemaGen struct {
	schemas map[string]any
	names   map[reflect.Type]string
}

func (g *schemaGen) answer(v any) any {
	if alts, ok := v.(oneOf); ok {
		var list []any
		for _, t := range alts {
			list = append(list, g.schema(t))
		}
		return map[string]any{"anyOf": list}
	}
	return g.schema(reflect.TypeOf(v))
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	rawType       = reflect.TypeFor[json.RawMessage]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
)

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch {
	case t.Kind() == reflect.Pointer:
		return nullable(g.schema(t.Elem()))
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType, t.Kind() == reflect.Interface,
		t.Implements(marshalerType), reflect.PointerTo(t).Implements(marshalerType):
		g.schemas["AnyValue"] = anyValue
		return map[string]any{"$ref": "#/components/schemas/AnyValue"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "format": "byte"}
		}
		s := map[string]any{"type": "array", "items": g.schema(t.Elem())}
		if t.Kind() == reflect.Slice {
			s["nullable"] = true // a nil slice encodes as null
		}
		return s
	case reflect.Map:
		return map[string]any{"type": "object", "nullable": true, "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		return g.structSchema(t)
	}
	return map[string]any{}
}

// anyValue is any JSON value, null included, in OpenAPI 3.0 terms.
var anyValue = map[string]any{
	"description": "Any JSON value",
	"anyOf": []any{
		map[string]any{"type": "object", "nullable": true},
		map[string]any{"type": "array", "items": map[string]any{}},
		map[string]any{"type": "string"},
		map[string]any{"type": "number"},
		map[string]any{"type": "boolean"},
	},
}

func nullable(s map[string]any) map[string]any {
	if ref, ok := s["$ref"]; ok {
		if ref == "#/components/schemas/AnyValue" {
			return s // already takes null
		}
		return map[string]any{"type": "object", "nullable": true, "allOf": []any{map[string]any{"$ref": ref}}}
	}
	c := map[string]any{}
	for k, v := range s {
		c[k] = v
	}
	c["nullable"] = true
	return c
}

func (g *schemaGen) structSchema(t reflect.Type) map[string]any {
	if t.Name() == "" {
		return g.object(t)
	}
	name, ok := g.names[t]
	if !ok {
		name = g.componentName(t)
		g.names[t] = name
		g.schemas[name] = map[string]any{} // placeholder for recursive types
		g.schemas[name] = g.object(t)
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

var nonName = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

func (g *schemaGen) componentName(t reflect.Type) string {
	pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
	name := strings.ToUpper(pkg[:1]) + pkg[1:] + nonName.ReplaceAllString(t.Name(), "_")
	return name
}

// object lists the fields encoding/json writes: exported, by their json names, embedded
// structs' fields promoted; fields without omitempty are required.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []any
	g.fields(t, props, &required)
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		slices.SortFunc(required, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
		s["required"] = required
	}
	return s
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				g.fields(ft, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.schema(f.Type)
		if strings.Contains(opts, "string") {
			s = map[string]any{"type": "string"}
		}
		props[name] = s
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}
