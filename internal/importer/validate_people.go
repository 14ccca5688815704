package importer

import (
	"fmt"
	"net/mail"
	"slices"
	"sort"
	"strings"
)

func (c *checker) checkCommerce() {
	for i, x := range c.f.SalesItems {
		c.checkSalesItem(at("sales_items", i, x.ID), x)
	}
}

func (c *checker) checkSalesItem(where string, x SalesItem) {
	c.required(where, "name", x.Name)
	c.ref(where, "institution", KindInstitution, x.Institution, false)
	c.ref(where, "season", KindSeason, x.Season, true)
	c.checkTargets(where, x)
	c.prices(where, "price_cents", &x.PriceCents, x.DiscountedPriceCents)
	if len(x.Bundle) == 0 {
		c.addf(where, "bundle is empty: the item would grant nothing")
	}
	seen := make(map[BundleEntry]int, len(x.Bundle))
	for j, b := range x.Bundle {
		bw := fmt.Sprintf("%s: bundle[%d]", where, j)
		c.checkGrant(bw, b.Type, b.Subject, b.Track, AccessSubject, AccessTrack)
		if k, dup := seen[b]; dup {
			c.addf(bw, "repeats bundle[%d]", k)
		}
		seen[b] = j
	}
}

// checkTargets: target streams exist, are not repeated, and belong to the target grade when it is in the file.
func (c *checker) checkTargets(where string, x SalesItem) {
	gradeOK := c.ref(where, "target_grade", KindGrade, x.TargetGrade, false)
	gi, local := c.local(KindGrade, x.TargetGrade)
	seen := make(map[string]bool, len(x.TargetStreams))
	for _, s := range x.TargetStreams {
		if seen[s] {
			c.addf(where, "target stream %q is listed twice", s)
			continue
		}
		seen[s] = true
		if !c.ref(where, "target stream", KindStream, s, true) || !gradeOK || !local {
			continue
		}
		if !slices.Contains(c.f.Grades[gi].Streams, s) {
			c.addf(where, "target stream %q is not a stream of grade %q", s, x.TargetGrade)
		}
	}
}

// checkGrant checks one bundle or access entry: a subject entry names a subject only, a track entry a
// track only, a global entry neither.
func (c *checker) checkGrant(where, typ, subject, track string, allowed ...string) {
	c.oneOf(where, "type", typ, false, allowed...)
	switch typ {
	case AccessSubject:
		c.ref(where, "subject", KindSubject, subject, true)
		c.mustBeEmpty(where, "track", track, typ)
	case AccessTrack:
		c.ref(where, "track", KindTrack, track, true)
		c.mustBeEmpty(where, "subject", subject, typ)
	case AccessGlobal:
		c.mustBeEmpty(where, "subject", subject, typ)
		c.mustBeEmpty(where, "track", track, typ)
	}
}

func (c *checker) mustBeEmpty(where, field, value, typ string) {
	if value != "" {
		c.addf(where, "%s must be empty for type %s", field, typ)
	}
}

func (c *checker) checkPeople() {
	for i, u := range c.f.Users {
		c.checkUser(at("users", i, u.Email), u)
	}
	c.checkSubscriptions()
}

func (c *checker) checkUser(where string, u User) {
	if err := checkEmail(u.Email); err != nil {
		c.addf(where, "%v", err)
	}
	c.ref(where, "institution", KindInstitution, u.Institution, true)
	if len(u.Roles) == 0 {
		c.addf(where, "roles: at least one role is required")
	}
	seen := make(map[string]bool, len(u.Roles))
	for _, r := range u.Roles {
		c.oneOf(where, "role", r, false, Roles()...)
		if seen[r] {
			c.addf(where, "role %q is listed twice", r)
		}
		seen[r] = true
	}
}

// checkEmail wants a bare, lower-case address: emails are the users' ids.
func checkEmail(email string) error {
	if email == "" {
		return fmt.Errorf("email is required")
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" || !strings.Contains(email, "@") {
		return fmt.Errorf("email %q is not a valid address", email)
	}
	if strings.ToLower(email) != email {
		return fmt.Errorf("email %q must be lower-case", email)
	}
	return nil
}

func (c *checker) checkSubscriptions() {
	keys := make(map[string]int)
	for i, s := range c.f.Subscriptions {
		where := at("subscriptions", i, s.User)
		c.checkSubscription(where, s)
		key := s.Key()
		if j, dup := keys[key]; dup {
			c.addf(where, "repeats subscriptions[%d] (same user, season, type and access)", j)
			continue
		}
		keys[key] = i
	}
}

func (c *checker) checkSubscription(where string, s Subscription) {
	c.ref(where, "user", KindUser, s.User, true)
	c.ref(where, "season", KindSeason, s.Season, true)
	c.oneOf(where, "type", s.Type, false, SubscriptionGlobal, SubscriptionSpecific)
	c.oneOf(where, "status", s.Status, true, StatusActive, StatusSuspended, StatusExpired)
	allowed := []string{AccessSubject, AccessTrack}
	if s.Type == SubscriptionGlobal {
		allowed = []string{AccessGlobal}
	}
	if s.Type == SubscriptionSpecific && len(s.Access) == 0 {
		c.addf(where, "access: a specific subscription needs at least one subject or track")
	}
	for j, a := range s.Access {
		c.checkGrant(fmt.Sprintf("%s: access[%d]", where, j), a.Type, a.Subject, a.Track, allowed...)
	}
}

// Key identifies a subscription for idempotent imports: user, season, type and the set of access rows
// (order-insensitive; a global subscription's rows do not count).
func (s Subscription) Key() string {
	rows := make([]string, 0, len(s.Access))
	for _, a := range s.Access {
		if s.Type == SubscriptionGlobal {
			break
		}
		rows = append(rows, fmt.Sprintf("%q/%q/%q", a.Type, a.Subject, a.Track))
	}
	sort.Strings(rows)
	return fmt.Sprintf("%q %q %q [%s]", s.User, s.Season, s.Type, strings.Join(rows, " "))
}
