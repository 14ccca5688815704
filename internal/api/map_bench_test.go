package api_test

import (
	"context"
	"testing"

	"memora/internal/apitest"
	"memora/internal/catalog"
	"memora/internal/demo"
	"memora/internal/importer"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// demoClient loads the demo content into a fresh server and logs in as layla (tawjihi,
// scientific: three subjects, nine units, forty lessons; a math subscription; history).
func demoClient(b *testing.B, e store.Engine) *apitest.Client {
	b.Helper()
	env := apitest.New(b, e)
	ctx := context.Background()
	f, err := demo.Load(env.Clock.Now())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := importer.Apply(ctx, env.Store, f, env.Clock.Now()); err != nil {
		b.Fatal(err)
	}
	u, err := env.Store.UserGetByEmail(ctx, "layla@demo.memora.test")
	if err != nil {
		b.Fatal(err)
	}
	if err := env.App.Identity.SetPassword(ctx, u.ID, demo.Password); err != nil {
		b.Fatal(err)
	}
	c := env.Client()
	if r := c.Post("/api/method/login", map[string]any{"usr": u.Email, "pwd": demo.Password}); r.Status != 200 {
		b.Fatalf("login: %d %s", r.Status, r.Body)
	}
	return c
}

// BenchmarkGetMapData is get_map_data over HTTP on loopback (session cookie, whole map of
// the demo catalogue) on each engine.
func BenchmarkGetMapData(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			c := demoClient(b, e)
			path := apitest.Method("map_engine", "get_map_data")
			var m []catalog.MapSubject
			c.Get(path, nil).Message(b, &m)
			if len(m) != 3 {
				b.Fatalf("want 3 subjects, got %d", len(m))
			}
			for b.Loop() {
				if r := c.Get(path, nil); r.Status != 200 {
					b.Fatalf("%d %s", r.Status, r.Body)
				}
			}
		})
	}
}

// BenchmarkGetLessonDetails is get_lesson_details of an open lesson, with its lock check.
func BenchmarkGetLessonDetails(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			c := demoClient(b, e)
			path := apitest.Method("sessions", "get_lesson_details")
			params := map[string]string{"lesson_id": "math-linear-3"}
			for b.Loop() {
				if r := c.Get(path, params); r.Status != 200 {
					b.Fatalf("%d %s", r.Status, r.Body)
				}
			}
		})
	}
}
