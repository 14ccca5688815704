package store

import "context"

// Content kinds an admin deletes by id.
const (
	KindSubject = "subject"
	KindTrack   = "track"
	KindUnit    = "unit"
	KindTopic   = "topic"
	KindLesson  = "lesson"
)

// ContentAdminExecutor holds what content authoring needs beyond the content tree.
type ContentAdminExecutor interface {
	// SubjectListAll returns every subject (published or not, of every institution) by
	// position, creation and id.
	SubjectListAll(ctx context.Context) ([]Subject, error)
	TrackGet(ctx context.Context, id string) (Track, error)
	// ContentDelete deletes one row of kind (KindSubject … KindLesson; a lesson's stages
	// go with it): ErrNotFound when there is none, ErrConflict when other rows still refer
	// to it (children, plans, sessions, subscriptions).
	ContentDelete(ctx context.Context, kind, id string) error
}
