package catalog

import (
	"context"
	"strings"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// TrackDetails is get_track_details.
type TrackDetails struct {
	Subject SubjectRef   `json:"subject"`
	Track   *TrackRef    `json:"track"`
	Units   []UnitStatus `json:"units"`
}

// SubjectRef names a subject.
type SubjectRef struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en"`
}

// TrackRef describes a track as get_track_details reports it.
type TrackRef struct {
	Name             string `json:"name"`
	TrackName        string `json:"track_name"`
	TrackNameEN      string `json:"track_name_en"`
	IsPaid           bool   `json:"is_paid"`
	IsSoldSeparately bool   `json:"is_sold_separately"`
	UnlockLevel      int    `json:"unlock_level"`
}

// UnitStatus is a unit of a track with the caller's progress in it.
type UnitStatus struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	TitleEN       string `json:"title_en"`
	StructureType string `json:"structure_type"`
	Status        string `json:"status"`
	Progress      int    `json:"progress"`
	IsFree        bool   `json:"is_free"`
}

// TrackDetails lists the units of one track of a subject (the subject's first track when
// trackID is empty) with progress and status; on a linear track a unit is
// locked_progression until the previous one is completed. A unit without published lessons
// is never completed.
func (s *Service) TrackDetails(ctx context.Context, who identity.Principal, subjectID, trackID string, linear bool) (TrackDetails, error) {
	subjectID, trackID = strings.TrimSpace(subjectID), strings.TrimSpace(trackID)
	if subjectID == "" {
		return TrackDetails{}, problem.InvalidMsg("Missing subject")
	}
	if !ValidID(subjectID) {
		return TrackDetails{}, errSubjectNotFound()
	}
	t, err := s.loadTree(ctx, who.InstitutionID, []string{subjectID})
	if err != nil {
		return TrackDetails{}, err
	}
	sub, ok := t.subjects[subjectID]
	if !ok {
		return TrackDetails{}, errSubjectNotFound()
	}
	track, ok := pickTrack(t.tracksOf[subjectID], trackID)
	if !ok {
		return TrackDetails{}, problem.NotFoundMsg("Track not found")
	}
	l, err := s.learner(ctx, who)
	if err != nil {
		return TrackDetails{}, err
	}
	r, err := l.rule(subjectID)
	if err != nil {
		return TrackDetails{}, err
	}
	if err := s.loadProgress(ctx, l); err != nil {
		return TrackDetails{}, err
	}
	out := TrackDetails{Subject: SubjectRef{ID: sub.ID, Title: orDefault(r.DisplayName, sub.Title), TitleEN: sub.TitleEN},
		Units: []UnitStatus{}}
	if track == nil {
		return out, nil
	}
	out.Track = &TrackRef{Name: track.ID, TrackName: track.Title, TrackNameEN: track.TitleEN, IsPaid: track.IsPaid,
		IsSoldSeparately: track.IsSoldSeparately, UnlockLevel: track.UnlockLevel}
	out.Units = l.trackUnits(t, r, *track, linear)
	return out, nil
}

// pickTrack finds the asked track, or the first one when none is asked (nil when the
// subject has none).
func pickTrack(tracks []store.Track, id string) (*store.Track, bool) {
	for i, tr := range tracks {
		if id == "" || tr.ID == id {
			return &tracks[i], true
		}
	}
	return nil, id == ""
}

func (l *learner) trackUnits(t *tree, r SubjectRule, track store.Track, linear bool) []UnitStatus {
	var units []store.Unit
	for _, u := range t.unitsOf(r) {
		if u.TrackID == track.ID {
			units = append(units, u)
		}
	}
	sub := t.subjects[track.SubjectID]
	progress := make([]Progress, len(units))
	for i, u := range units {
		progress[i] = l.view(t, u).progress()
		progress[i].Paid = PaidAccess(l.access, sub, track, u, false)
	}
	statuses := UnitStatuses(progress, linear)
	out := make([]UnitStatus, len(units))
	for i, u := range units {
		out[i] = UnitStatus{ID: u.ID, Title: u.Title, TitleEN: u.TitleEN, StructureType: u.StructureType,
			Status: statuses[i], Progress: progress[i].Percent(), IsFree: u.IsFreePreview || FreeContent(sub, track)}
	}
	return out
}
