package catalog_test

import (
	"context"
	"testing"
	"time"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/demo"
	"memora/internal/identity"
	"memora/internal/importer"
	"memora/internal/store/storetest"
)

// BenchmarkMapData is the map engine alone (no HTTP) on the demo catalogue, for layla.
func BenchmarkMapData(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			st := storetest.Open(b, e)
			ctx := context.Background()
			now := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)
			f, err := demo.Load(now)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := importer.Apply(ctx, st, f, now); err != nil {
				b.Fatal(err)
			}
			u, err := st.UserGetByEmail(ctx, "layla@demo.memora.test")
			if err != nil {
				b.Fatal(err)
			}
			loc, _ := time.LoadLocation("Asia/Amman")
			who := identity.Principal{UserID: u.ID, InstitutionID: u.InstitutionID, Location: loc}
			svc := catalog.NewService(st, clock.NewFake(now))
			for b.Loop() {
				m, err := svc.MapData(ctx, who, "")
				if err != nil || len(m) != 3 {
					b.Fatalf("%v %d", err, len(m))
				}
			}
		})
	}
}
