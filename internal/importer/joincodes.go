package importer

import (
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

// JoinCode lets whoever knows it sign up as a Student of an institution (see `memora user joincode`).
// Code is 4–32 letters or digits (dashes and spaces are dropped, letters upper-cased); MaxUses 0 or
// omitted is unlimited; ExpiresAt is RFC 3339 or a relative time ("now+30d"), omitted for never.
type JoinCode struct {
	Code        string `json:"code"`
	Institution string `json:"institution"`
	MaxUses     int64  `json:"max_uses,omitempty"`
	ExpiresAt   string `json:"expires_at,omitempty"`
	Disabled    bool   `json:"disabled,omitempty"`
}

func (c *checker) checkJoinCodes() {
	seen := make(map[string]int, len(c.f.JoinCodes))
	for i, j := range c.f.JoinCodes {
		where := at("join_codes", i, j.Code)
		code := identity.NormalizeJoinCode(j.Code)
		switch {
		case j.Code == "":
			c.addf(where, "code is required")
		case !identity.ValidJoinCode(code):
			c.addf(where, "code must have 4 to 32 letters or digits (dashes and spaces are ignored)")
		default:
			if k, dup := seen[code]; dup {
				c.addf(where, "duplicate code (first defined at join_codes[%d])", k)
			}
			seen[code] = i
		}
		c.ref(where, "institution", KindInstitution, j.Institution, true)
		c.nonNegative(where, "max_uses", j.MaxUses)
		if j.ExpiresAt != "" {
			if _, err := ParseTime(j.ExpiresAt, time.Time{}); err != nil {
				c.addf(where, "expires_at: %v", err)
			}
		}
	}
}

// joinCodes upserts the codes: a re-import keeps each code's uses and creation time.
func (w *writer) joinCodes() error {
	for _, j := range w.f.JoinCodes {
		c := store.JoinCode{Code: identity.NormalizeJoinCode(j.Code), InstitutionID: j.Institution,
			Role: store.RoleStudent, CreatedBy: "import", CreatedAt: w.now}
		if j.MaxUses > 0 {
			c.MaxUses = &j.MaxUses
		}
		if j.ExpiresAt != "" {
			t, err := ParseTime(j.ExpiresAt, w.now)
			if err != nil {
				return err
			}
			t = t.UTC()
			c.ExpiresAt = &t
		}
		if j.Disabled {
			c.DisabledAt = &w.now
		}
		if err := w.tx.JoinCodeUpsert(w.ctx, c); err != nil {
			return err
		}
		w.sum.JoinCodes++
	}
	return nil
}
