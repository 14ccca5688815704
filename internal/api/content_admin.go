package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"memora/internal/authoring"
	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
)

const msgContentStaff = "You don't have permission to author content. This action requires the Content Manager role."

// Content authoring for staff (authoring.Service): the tree, saves in the import format
// (doc), delete, publish, reorder, stage validation and imports with a dry run.
func (a *API) registerContentAdmin(rt *httpx.Router) {
	acc := contentStaff.refusing(msgContentStaff)
	a.readAs(rt, "content", "get_subjects", "Subjects the caller authors: own institution's and shared (Content Manager)", acc,
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Staff.Authoring.Subjects(r.Context(), caller(r, who))
		})
	a.readAs(rt, "content", "get_tree", "A subject with its tracks, units, topics and lessons, published or not (Content Manager)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requiredParam(p, "subject")
			if err != nil {
				return nil, err
			}
			return a.Staff.Authoring.Tree(r.Context(), caller(r, who), id)
		})
	a.readAs(rt, "content", "get_lesson", "A lesson with its stages (Content Manager)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requiredParam(p, "lesson")
			if err != nil {
				return nil, err
			}
			return a.Staff.Authoring.Lesson(r.Context(), caller(r, who), id)
		})
	a.mutationAs(rt, "content", "save_subject", "Create or replace a subject (doc in the import format; Content Manager)", acc,
		saveDoc(a.Staff.Authoring.SaveSubject))
	a.mutationAs(rt, "content", "save_track", "Create or replace a track (doc in the import format; Content Manager)", acc,
		saveDoc(a.Staff.Authoring.SaveTrack))
	a.mutationAs(rt, "content", "save_unit", "Create or replace a unit (doc in the import format; Content Manager)", acc,
		saveDoc(a.Staff.Authoring.SaveUnit))
	a.mutationAs(rt, "content", "save_topic", "Create or replace a topic (doc in the import format; Content Manager)", acc,
		saveDoc(a.Staff.Authoring.SaveTopic))
	a.mutationAs(rt, "content", "save_lesson", "Create or replace a lesson and its stages (doc in the import format; Content Manager)", acc,
		saveDoc(a.Staff.Authoring.SaveLesson))
	a.mutationAs(rt, "content", "delete", "Delete a subject, track, unit, topic or lesson that holds nothing (Content Manager)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			kind, id, err := kindAndID(p)
			if err != nil {
				return nil, err
			}
			return done, a.Staff.Authoring.Delete(r.Context(), caller(r, who), kind, id)
		})
	a.mutationAs(rt, "content", "set_published", "Publish or unpublish a subject, track, unit, topic or lesson (Content Manager)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			kind, id, err := kindAndID(p)
			if err != nil {
				return nil, err
			}
			published, err := p.Bool("published")
			if err != nil {
				return nil, err
			}
			return done, a.Staff.Authoring.SetPublished(r.Context(), caller(r, who), kind, id, published)
		})
	a.mutationAs(rt, "content", "move", "Move a row up or down among its siblings (stages: id lesson/stage; Content Manager)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			kind, id, err := kindAndID(p)
			if err != nil {
				return nil, err
			}
			return done, a.Staff.Authoring.Move(r.Context(), caller(r, who), kind, id, strings.TrimSpace(p.String("direction")))
		})
	a.readAs(rt, "content", "validate_stage", "Check a stage config by the rules of saves and imports (Content Manager)", acc,
		func(_ *http.Request, p httpx.Params, _ identity.Principal) (any, error) {
			var cfg json.RawMessage
			if err := p.JSON("config", &cfg); err != nil {
				return nil, err
			}
			return authoring.ValidateStage(strings.TrimSpace(p.String("type")), cfg), nil
		})
	a.mutationAs(rt, "content", "import_file", "Load an import file, or with dry_run list what it would change (Content Manager: own content only)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			var data json.RawMessage
			if err := p.JSON("data", &data); err != nil {
				return nil, err
			}
			if len(data) == 0 {
				return nil, problem.InvalidMsg("data is required")
			}
			dry, err := p.Bool("dry_run")
			if err != nil {
				return nil, err
			}
			return a.Staff.Authoring.Import(r.Context(), caller(r, who), data, dry)
		})
}

// done is the answer of a mutation that has nothing else to say.
const done = "ok"

// saveDoc decodes the doc parameter into an import-format entry and saves it.
func saveDoc[In, Out any](save func(ctx context.Context, c identity.Caller, in In) (Out, error)) handlerFunc {
	return func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
		var in In
		if !p.Has("doc") {
			return nil, problem.InvalidMsg("doc is required")
		}
		if err := p.JSON("doc", &in); err != nil {
			return nil, err
		}
		return save(r.Context(), caller(r, who), in)
	}
}

// kindAndID reads the kind and id parameters.
func kindAndID(p httpx.Params) (string, string, error) {
	kind, err := requiredParam(p, "kind")
	if err != nil {
		return "", "", err
	}
	id, err := requiredParam(p, "id")
	return kind, id, err
}

const msgRequired = "{name} is required"

// requiredParam is a non-empty text parameter.
func requiredParam(p httpx.Params, name string) (string, error) {
	v := strings.TrimSpace(p.String(name))
	if v == "" {
		return "", problem.Invalidf(msgRequired, "name", name)
	}
	return v, nil
}
