package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

// Summary counts what an import wrote (rows upserted, including unchanged ones).
type Summary struct {
	Institutions, Users, Subjects, Lessons, Stages, Plans, SalesItems int
	Subscriptions, Players, Sessions, MemoryRows                      int
	JoinCodes                                                         int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d institutions, %d users, %d subjects, %d lessons (%d stages), %d plans, %d sales items, "+
		"%d subscriptions, %d players, %d sessions, %d memory rows, %d join codes",
		s.Institutions, s.Users, s.Subjects, s.Lessons, s.Stages, s.Plans, s.SalesItems,
		s.Subscriptions, s.Players, s.Sessions, s.MemoryRows, s.JoinCodes)
}

// Apply validates f against itself and the database, then writes it in one transaction:
// an invalid file changes nothing, and applying the same file twice changes nothing the
// second time (rows are upserted by id or email; sessions and subscriptions are skipped
// when already there). Relative times ("now-2d") are resolved against now first; f is not
// changed.
func Apply(ctx context.Context, st store.Store, f *File, now time.Time) (Summary, error) {
	f = f.ResolveTimes(now)
	known := func(kind, id string) bool {
		ok, err := st.Exists(ctx, kind, id)
		return err == nil && ok
	}
	if err := f.ValidateAgainst(known); err != nil {
		return Summary{}, err
	}
	var sum Summary
	err := st.InTx(ctx, func(tx store.Executor) error {
		w := &writer{ctx: ctx, tx: tx, f: f, now: now, sum: &sum, users: map[string]store.User{}}
		return w.all()
	})
	if err != nil {
		return Summary{}, fmt.Errorf("import: %w", err)
	}
	return sum, nil
}

type writer struct {
	ctx   context.Context
	tx    store.Executor
	f     *File
	now   time.Time
	sum   *Summary
	users map[string]store.User
	// lessons maps lesson id → (unit, topic, subject) for sessions without those fields.
	lessonSubject map[string]string
}

func (w *writer) all() error {
	steps := []func() error{w.academic, w.content, w.plans, w.salesItems, w.people, w.joinCodes, w.subscriptions, w.players}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func stamp(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil
	}
	t = t.UTC()
	return &t
}

func (w *writer) academic() error {
	for _, in := range w.f.Institutions {
		tz := in.TimeZone
		if tz == "" {
			tz = "UTC"
		}
		if err := w.tx.InstitutionUpsert(w.ctx, store.Institution{ID: in.ID, Name: in.Name, NameEN: in.NameEn, TimeZone: tz}); err != nil {
			return err
		}
		if err := w.institutionPayment(in); err != nil {
			return err
		}
		w.sum.Institutions++
	}
	for _, s := range w.f.Streams {
		if err := w.tx.StreamUpsert(w.ctx, store.Stream{ID: s.ID, Title: s.Title, TitleEN: s.TitleEn, Position: s.Position}); err != nil {
			return err
		}
	}
	for _, g := range w.f.Grades {
		err := w.tx.GradeUpsert(w.ctx, store.Grade{ID: g.ID, Title: g.Title, TitleEN: g.TitleEn, Position: g.Position, ValidStreams: g.Streams})
		if err != nil {
			return err
		}
	}
	for i, s := range w.f.Seasons {
		err := w.tx.SeasonUpsert(w.ctx, store.Season{
			ID: s.ID, Title: s.Title, TitleEN: s.TitleEn, StartDate: day(s.StartDate), EndDate: day(s.EndDate),
			IsActive: s.IsActive, EnableRedis: s.RedisEnabled(), AutoArchive: s.AutoArchive,
			Scheduler: s.SchedulerOrDefault(), DesiredRetention: s.RetentionOrDefault(),
			GradeMapping: s.GradeMappingOrDefault(), CreatedAt: w.now.Add(time.Duration(i) * time.Microsecond),
		})
		if err != nil {
			return err
		}
		if err := w.partition(s.ID); err != nil {
			return err
		}
	}
	return nil
}

// partition gives an imported season its own memory-state partition (PostgreSQL), as a
// season created through the admin API has.
func (w *writer) partition(seasonID string) error {
	partitioned, err := w.tx.SeasonPartitionEnsure(w.ctx, seasonID)
	if err != nil || !partitioned {
		return err
	}
	return w.tx.SeasonSetPartitionCreated(w.ctx, seasonID, true)
}

// created gives entries of one list increasing creation times, so "ordered by creation"
// follows the file's order.
func (w *writer) created(i int) time.Time { return w.now.Add(time.Duration(i) * time.Microsecond) }

func (w *writer) content() error {
	f := w.f
	for i, s := range f.Subjects {
		err := w.tx.SubjectUpsert(w.ctx, store.Subject{ID: s.ID, InstitutionID: opt(s.Institution), Title: s.Title,
			TitleEN: s.TitleEn, Icon: s.Icon, IsPublished: s.IsPublished, IsPaid: s.IsPaid, FullPriceCents: s.FullPriceCents,
			DiscountedPriceCents: s.DiscountedPriceCents, Position: s.Position, CreatedAt: w.created(i)})
		if err != nil {
			return err
		}
		w.sum.Subjects++
	}
	for i, t := range f.Tracks {
		err := w.tx.TrackUpsert(w.ctx, store.Track{ID: t.ID, SubjectID: t.Subject, Title: t.Title, TitleEN: t.TitleEn,
			IsDefault: t.IsDefault, UnlockLevel: t.UnlockLevel, Icon: t.Icon, Description: t.Description, IsPaid: t.IsPaid,
			IsSoldSeparately: t.IsSoldSeparately, StandalonePriceCents: t.StandalonePriceCents,
			DiscountedPriceCents: t.DiscountedPriceCents, IsPublished: t.IsPublished, Position: t.Position, CreatedAt: w.created(i)})
		if err != nil {
			return err
		}
	}
	for i, u := range f.Units {
		err := w.tx.UnitUpsert(w.ctx, store.Unit{ID: u.ID, SubjectID: u.Subject, TrackID: u.Track, Title: u.Title,
			TitleEN: u.TitleEn, StructureType: u.StructureType, IsFreePreview: u.IsFreePreview,
			IsLinearTopics: u.IsLinearTopics, IsPublished: u.IsPublished, Position: u.Position, CreatedAt: w.created(i)})
		if err != nil {
			return err
		}
	}
	for i, t := range f.Topics {
		err := w.tx.TopicUpsert(w.ctx, store.Topic{ID: t.ID, UnitID: t.Unit, Title: t.Title, TitleEN: t.TitleEn,
			Description: t.Description, IsFreePreview: t.IsFreePreview, IsLinear: t.Linear(), IsPublished: t.IsPublished,
			Position: t.Position, CreatedAt: w.created(i)})
		if err != nil {
			return err
		}
	}
	return w.lessons()
}

func (w *writer) lessons() error {
	units := map[string]Unit{}
	for _, u := range w.f.Units {
		units[u.ID] = u
	}
	w.lessonSubject = map[string]string{}
	for i, l := range w.f.Lessons {
		topic := opt(l.Topic)
		if u, ok := units[l.Unit]; ok {
			w.lessonSubject[l.ID] = u.Subject
			if u.StructureType == LessonBased {
				topic = nil // a lesson-based unit's lessons have no topic (§N.119)
			}
		}
		err := w.tx.LessonUpsert(w.ctx, store.Lesson{ID: l.ID, UnitID: l.Unit, TopicID: topic, Title: l.Title,
			TitleEN: l.TitleEn, XPReward: l.Reward(), IsPublished: l.IsPublished, Position: l.Position, CreatedAt: w.created(i)})
		if err != nil {
			return err
		}
		stages := make([]store.Stage, len(l.Stages))
		for j, s := range l.Stages {
			stages[j] = store.Stage{ID: s.ID, LessonID: l.ID, Position: j, Title: s.Title, Type: s.Type, Config: s.Config}
		}
		if err := w.tx.StagesReplace(w.ctx, l.ID, stages); err != nil {
			return err
		}
		w.sum.Lessons++
		w.sum.Stages += len(stages)
	}
	return nil
}

func (w *writer) plans() error {
	for _, p := range w.f.Plans {
		subjects := make([]store.PlanSubject, len(p.Subjects))
		for i, s := range p.Subjects {
			subjects[i] = store.PlanSubject{Position: i, SubjectID: s.Subject, DisplayName: s.DisplayName,
				IsMandatory: s.Mandatory(), SelectionType: s.Selection(), SpecificUnitID: opt(s.SpecificUnit)}
		}
		err := w.tx.PlanUpsert(w.ctx, store.Plan{ID: p.ID, InstitutionID: opt(p.Institution), GradeID: p.Grade,
			StreamID: opt(p.Stream), SeasonID: p.Season, UpdatedAt: w.now, Subjects: subjects})
		if err != nil {
			return err
		}
		w.sum.Plans++
	}
	return nil
}

func (w *writer) salesItems() error {
	for i, it := range w.f.SalesItems {
		bundle := make([]store.BundleRow, len(it.Bundle))
		for j, b := range it.Bundle {
			bundle[j] = store.BundleRow{Type: b.Type, SubjectID: opt(b.Subject), TrackID: opt(b.Track)}
		}
		err := w.tx.SalesItemUpsert(w.ctx, store.SalesItem{ID: it.ID, InstitutionID: opt(it.Institution), Name: it.Name,
			NameEN: it.NameEn, Description: it.Description, SeasonID: opt(it.Season), TargetGradeID: opt(it.TargetGrade),
			TargetStreams: it.TargetStreams, PriceCents: it.PriceCents, DiscountedPriceCents: it.DiscountedPriceCents,
			Image: it.Image, SKU: it.SKU, IsActive: it.Active(), Bundle: bundle, CreatedAt: w.created(i)})
		if err != nil {
			return err
		}
		w.sum.SalesItems++
	}
	return nil
}

func (w *writer) people() error {
	for _, u := range w.f.Users {
		email := strings.ToLower(strings.TrimSpace(u.Email))
		row, err := w.tx.UserUpsert(w.ctx, store.UserUpsertParams{InstitutionID: u.Institution, Email: email,
			FullName: u.FullName, Enabled: u.IsEnabled(), CreatedAt: w.now})
		if err != nil {
			return err
		}
		for _, r := range u.Roles {
			if err := w.tx.UserRoleAdd(w.ctx, row.ID, r); err != nil {
				return err
			}
		}
		w.users[email] = row
		w.sum.Users++
	}
	return nil
}

// user resolves an email from the file or the database.
func (w *writer) user(email string) (store.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if u, ok := w.users[email]; ok {
		return u, nil
	}
	u, err := w.tx.UserGetByEmail(w.ctx, email)
	if err != nil {
		return store.User{}, fmt.Errorf("user %s: %w", email, err)
	}
	w.users[email] = u
	return u, nil
}

// institutionPayment writes the currency and payment instructions the file gives an
// institution (validated: NormalizePayment); one it leaves empty keeps its stored value.
func (w *writer) institutionPayment(in Institution) error {
	if in.Currency == "" && in.PaymentNote == "" && in.PaymentNoteEn == "" {
		return nil
	}
	pay := identity.InstitutionView{Currency: in.Currency, PaymentNote: in.PaymentNote, PaymentNoteEn: in.PaymentNoteEn}
	if err := pay.NormalizePayment(); err != nil {
		return fmt.Errorf("institution %s: %w", in.ID, err)
	}
	set, err := w.tx.InstitutionSettingsGet(w.ctx, in.ID)
	if err != nil {
		return fmt.Errorf("institution %s: %w", in.ID, err)
	}
	if pay.Currency != "" {
		set.Currency = pay.Currency
	}
	if pay.PaymentNote != "" {
		set.PaymentNote = pay.PaymentNote
	}
	if pay.PaymentNoteEn != "" {
		set.PaymentNoteEN = pay.PaymentNoteEn
	}
	if err := w.tx.InstitutionSettingsUpdate(w.ctx, set); err != nil {
		return fmt.Errorf("institution %s: %w", in.ID, err)
	}
	return nil
}
