// Package authoring is content authoring for staff (the staff API and the desk): subjects,
// tracks, units, topics, lessons and their stages — save, delete, publish, reorder — and
// imports with a dry run. Saves are validated by the importer's rules (the same messages,
// naming the field), and every change is audited.
//
// Scope: an institution's staff change their institution's subjects and what lies under
// them; shared subjects (no institution) and other institutions' content are System
// Managers' alone. Another institution's content is "not found".
package authoring

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"memora/internal/audit"
	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// Audit actions of content authoring (imports are audit.ContentImported).
const (
	ActionSaved       = "content.saved"
	ActionDeleted     = "content.deleted"
	ActionPublished   = "content.published"
	ActionUnpublished = "content.unpublished"
	ActionMoved       = "content.moved"
)

// Kinds of content (store.Kind… plus stages, which move within their lesson).
const (
	KindSubject = store.KindSubject
	KindTrack   = store.KindTrack
	KindUnit    = store.KindUnit
	KindTopic   = store.KindTopic
	KindLesson  = store.KindLesson
	KindStage   = "stage"
)

// Service authors content.
type Service struct {
	Store   store.Store
	Clock   clock.Clock
	Audit   audit.Log
	Catalog *catalog.Service // its content caches are cleared after every change (nil: none)
}

const (
	msgSubjectNotFound = "Subject not found"
	msgNotFound        = "{kind} {id} not found"
	msgShared          = "Shared content can only be changed by a System Manager."
	msgUnknownKind     = "Unknown content type '{kind}': use subject, track, unit, topic or lesson"
	msgInUse           = "{kind} {id} still holds content or has history: delete what it holds first, or unpublish it."
)

// subject returns the subject the caller may change: another institution's is not found,
// a shared one is forbidden unless the caller is a System Manager.
func (s *Service) subject(ctx context.Context, exec store.Executor, c identity.Caller, id string) (store.Subject, error) {
	sub, err := exec.SubjectGet(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Subject{}, problem.NotFoundMsg(msgSubjectNotFound)
	}
	if err != nil {
		return store.Subject{}, fmt.Errorf("subject %s: %w", id, err)
	}
	if err := mayChange(c, sub); err != nil {
		return store.Subject{}, err
	}
	return sub, nil
}

func mayChange(c identity.Caller, sub store.Subject) error {
	switch {
	case c.IsSystemManager():
		return nil
	case sub.InstitutionID == nil:
		return problem.ForbiddenMsg(msgShared)
	case *sub.InstitutionID != c.InstitutionID:
		return problem.NotFoundMsg(msgSubjectNotFound)
	}
	return nil
}

// subjectOf returns the subject id of a content row of kind.
func subjectOf(ctx context.Context, exec store.Executor, kind, id string) (string, error) {
	var (
		sid string
		err error
	)
	switch kind {
	case KindSubject:
		sid = id
	case KindTrack:
		var t store.Track
		t, err = exec.TrackGet(ctx, id)
		sid = t.SubjectID
	case KindUnit:
		var u store.Unit
		u, err = exec.UnitGet(ctx, id)
		sid = u.SubjectID
	case KindTopic:
		var t store.Topic
		if t, err = exec.TopicGet(ctx, id); err == nil {
			var u store.Unit
			u, err = exec.UnitGet(ctx, t.UnitID)
			sid = u.SubjectID
		}
	case KindLesson, KindStage:
		var l store.Lesson
		if l, err = exec.LessonGet(ctx, id); err == nil {
			var u store.Unit
			u, err = exec.UnitGet(ctx, l.UnitID)
			sid = u.SubjectID
		}
	default:
		return "", problem.Invalidf(msgUnknownKind, "kind", kind)
	}
	if errors.Is(err, store.ErrNotFound) {
		return "", problem.Newf(problem.NotFound, msgNotFound, "kind", kind, "id", id)
	}
	return sid, err
}

// owned returns the subject of a content row the caller may change.
func (s *Service) owned(ctx context.Context, exec store.Executor, c identity.Caller, kind, id string) (store.Subject, error) {
	sid, err := subjectOf(ctx, exec, kind, id)
	if err != nil {
		return store.Subject{}, err
	}
	sub, err := s.subject(ctx, exec, c, sid)
	if p, ok := problem.As(err); ok && p.Kind == problem.NotFound {
		// another institution's row: as if it did not exist
		return store.Subject{}, problem.Newf(problem.NotFound, msgNotFound, "kind", kind, "id", id)
	}
	return sub, err
}

// changed clears the catalogue's caches after a change.
func (s *Service) changed() {
	if s.Catalog != nil {
		s.Catalog.InvalidateContent()
	}
}

// newID is an id for a new row of kind: "lesson-3f9a0c1d".
func newID(kind string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return kind + "-" + hex.EncodeToString(b)
}
