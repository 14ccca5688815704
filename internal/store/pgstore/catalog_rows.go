package pgstore

import (
	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func subjectRow(r pgdb.Subject) store.Subject {
	return store.Subject{
		ID: r.ID, InstitutionID: r.InstitutionID, Title: r.Title, TitleEN: r.TitleEn, Icon: r.Icon,
		IsPublished: r.IsPublished, IsPaid: r.IsPaid, FullPriceCents: r.FullPriceCents,
		DiscountedPriceCents: r.DiscountedPriceCents, Position: int(r.Position), CreatedAt: r.CreatedAt,
	}
}

func trackRow(r pgdb.Track) store.Track {
	return store.Track{
		ID: r.ID, SubjectID: r.SubjectID, Title: r.Title, TitleEN: r.TitleEn, IsDefault: r.IsDefault,
		UnlockLevel: int(r.UnlockLevel), Icon: r.Icon, Description: r.Description, IsPaid: r.IsPaid,
		IsSoldSeparately: r.IsSoldSeparately, StandalonePriceCents: r.StandalonePriceCents,
		DiscountedPriceCents: r.DiscountedPriceCents, IsPublished: r.IsPublished, Position: int(r.Position),
		CreatedAt: r.CreatedAt,
	}
}

func unitRow(r pgdb.Unit) store.Unit {
	return store.Unit{
		ID: r.ID, SubjectID: r.SubjectID, TrackID: r.TrackID, Title: r.Title, TitleEN: r.TitleEn,
		StructureType: r.StructureType, IsFreePreview: r.IsFreePreview, IsLinearTopics: r.IsLinearTopics,
		IsPublished: r.IsPublished, Position: int(r.Position), CreatedAt: r.CreatedAt,
	}
}

func topicRow(r pgdb.Topic) store.Topic {
	return store.Topic{
		ID: r.ID, UnitID: r.UnitID, Title: r.Title, TitleEN: r.TitleEn, Description: r.Description,
		IsFreePreview: r.IsFreePreview, IsLinear: r.IsLinear, IsPublished: r.IsPublished,
		Position: int(r.Position), CreatedAt: r.CreatedAt,
	}
}

func lessonRow(r pgdb.Lesson) store.Lesson {
	return store.Lesson{
		ID: r.ID, UnitID: r.UnitID, TopicID: r.TopicID, Title: r.Title, TitleEN: r.TitleEn,
		XPReward: int(r.XpReward), IsPublished: r.IsPublished, Position: int(r.Position), CreatedAt: r.CreatedAt,
	}
}
