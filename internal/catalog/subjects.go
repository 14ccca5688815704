package catalog

import (
	"context"
	"fmt"
	"strings"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// SubjectItem is one entry of get_subjects.
type SubjectItem struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en"`
	Icon    string `json:"icon"`
	IsPaid  bool   `json:"is_paid"`
}

// MySubject is one entry of get_my_subjects.
type MySubject struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	NameEN      string `json:"name_en"`
	Icon        string `json:"icon"`
	DisplayName string `json:"display_name"`
	IsMandatory bool   `json:"is_mandatory"`
}

// TrackItem is one entry of get_game_tracks.
type TrackItem struct {
	Name             string `json:"name"`
	TrackName        string `json:"track_name"`
	TrackNameEN      string `json:"track_name_en"`
	IsDefault        bool   `json:"is_default"`
	UnlockLevel      int    `json:"unlock_level"`
	Icon             string `json:"icon"`
	Description      string `json:"description"`
	IsPaid           bool   `json:"is_paid"`
	IsSoldSeparately bool   `json:"is_sold_separately"`
}

// planSubject is a visible subject of the caller's plan with its rule.
type planSubject struct {
	rule    SubjectRule
	subject store.Subject
}

// planSubjects lists the caller's plan subjects that exist and are visible, in plan order.
func (s *Service) planSubjects(ctx context.Context, who identity.Principal) ([]planSubject, error) {
	l, err := s.learner(ctx, who)
	if err != nil || !l.hasPlan {
		return nil, err
	}
	subjects, err := s.Store.SubjectListByIDs(ctx, subjectIDs(l.rules))
	if err != nil {
		return nil, fmt.Errorf("plan subjects: %w", err)
	}
	found := map[string]int{}
	for i, sub := range subjects {
		found[sub.ID] = i
	}
	var out []planSubject
	for _, r := range l.rules {
		if i, ok := found[r.SubjectID]; ok && Visible(subjects[i], who.InstitutionID) {
			out = append(out, planSubject{rule: r, subject: subjects[i]})
		}
	}
	return out, nil
}

// Subjects is get_subjects: the published subjects of the caller's plan, titled by the
// plan's display name. No profile, grade, season or plan: an empty list.
func (s *Service) Subjects(ctx context.Context, who identity.Principal) ([]SubjectItem, error) {
	list, err := s.planSubjects(ctx, who)
	if err != nil {
		return nil, err
	}
	out := []SubjectItem{}
	for _, ps := range list {
		sub := ps.subject
		out = append(out, SubjectItem{Name: sub.ID, Title: orDefault(ps.rule.DisplayName, sub.Title), TitleEN: sub.TitleEN,
			Icon: sub.Icon, IsPaid: sub.IsPaid})
	}
	return out, nil
}

// MySubjects is get_my_subjects: the same subjects with their plan flags.
func (s *Service) MySubjects(ctx context.Context, who identity.Principal) ([]MySubject, error) {
	list, err := s.planSubjects(ctx, who)
	if err != nil {
		return nil, err
	}
	out := []MySubject{}
	for _, ps := range list {
		sub := ps.subject
		out = append(out, MySubject{ID: sub.ID, Name: sub.Title, NameEN: sub.TitleEN, Icon: sub.Icon,
			DisplayName: orDefault(ps.rule.DisplayName, sub.Title), IsMandatory: ps.rule.IsMandatory})
	}
	return out, nil
}

// GameTracks is get_game_tracks: the published tracks of a visible subject, default first,
// then by position and creation.
func (s *Service) GameTracks(ctx context.Context, who identity.Principal, subjectID string) ([]TrackItem, error) {
	subjectID = strings.TrimSpace(subjectID)
	if subjectID == "" {
		return nil, problem.InvalidMsg("Missing subject")
	}
	if !ValidID(subjectID) {
		return nil, errSubjectNotFound()
	}
	t, err := s.loadTree(ctx, who.InstitutionID, []string{subjectID})
	if err != nil {
		return nil, err
	}
	if _, ok := t.subjects[subjectID]; !ok {
		return nil, errSubjectNotFound()
	}
	out := []TrackItem{}
	for _, tr := range t.tracksOf[subjectID] {
		out = append(out, TrackItem{Name: tr.ID, TrackName: tr.Title, TrackNameEN: tr.TitleEN, IsDefault: tr.IsDefault,
			UnlockLevel: tr.UnlockLevel, Icon: tr.Icon, Description: tr.Description, IsPaid: tr.IsPaid,
			IsSoldSeparately: tr.IsSoldSeparately})
	}
	return out, nil
}

func errSubjectNotFound() error {
	return problem.NotFoundMsg("Subject not found")
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
