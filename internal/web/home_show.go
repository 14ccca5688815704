package web

import (
	"net/http"

	"memora/internal/catalog"
	"memora/internal/progress"
)

// homeData is a student's day at a glance.
type homeData struct {
	Stats    progress.Stats
	Due      int64
	DueTitle string // "19 reviews are due today", in the grammatical number of Due
	XPLeft   int64  // the XP still to earn for the next level
	Subjects []subjectCard
	Quests   []questView
}

// subjectCard is a plan subject with how much of its map is done and what of it is due.
type subjectCard struct {
	ID, Title, TitleEN, Icon string
	Done, Total              int
	Due                      int64
	Lessons                  string // "2 of 14 lessons", in the grammatical number of Total
}

// questView is a daily quest as the page shows it, described from the catalogue (numbers in the
// page's language).
type questView struct {
	progress.Quest
	Emoji string
	Done  bool
	Desc  string
}

func describeQuest(l Localizer, q progress.Quest) questView {
	v := questView{Quest: q, Emoji: questEmoji[q.Icon], Done: q.Status == progress.QuestCompleted}
	switch {
	case q.ID == progress.QuestReviewDone:
		v.Desc = l.T("quest.review_all_done")
	case q.Type == "review" && v.Done:
		v.Desc = l.T("quest.review_done")
	case q.Type == "review":
		v.Desc = countT(l, "quest.review", dueOf(q), "count", dueOf(q))
	case q.ID == progress.QuestStreak:
		v.Desc = l.T("quest.streak")
	case q.ID == progress.QuestXP:
		v.Desc = countT(l, "quest.xp", q.Target, "target", q.Target)
	default:
		v.Desc = l.Pick(q.Description, q.DescriptionEN)
	}
	return v
}

var questEmoji = map[string]string{"brain": "🧠", "flame": "🔥", "trophy": "🏆"}

func (w *App) homeShow(rw http.ResponseWriter, r *http.Request) {
	ctx, who := r.Context(), *userFrom(r)
	stats, err := w.Progress.FullStats(ctx, who, "")
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	quests, err := w.Progress.DailyQuests(ctx, who, "")
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	subjects, err := w.subjectCards(r, quests)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	l := w.localizer(r)
	d := homeData{Stats: stats, Subjects: subjects, XPLeft: xpLeft(stats)}
	for _, q := range quests {
		d.Quests = append(d.Quests, describeQuest(l, q))
		d.Due += dueOf(q)
	}
	d.DueTitle = countT(l, "home.due_title", d.Due, "count", d.Due)
	w.render(rw, r, http.StatusOK, "home", view{L: l, Title: l.T("nav.home"), Nav: "home", Data: d})
}

// xpLeft is the XP still to earn for the next level. The stats' XPToNextLevel is the original's:
// the XP the whole level spans, which stayed the same while the student earned XP ("1,429 XP to
// the next level" before and after a lesson).
func xpLeft(s progress.Stats) int64 { return max(s.XPToNextLevel-s.XPInLevel, 0) }

// dueOf is what a review quest says is due now: its target less what was reviewed today.
func dueOf(q progress.Quest) int64 {
	if q.Type != "review" || q.Status == progress.QuestCompleted {
		return 0
	}
	return q.Target - q.Progress
}

// subjectCards lists the plan's subjects with their map progress (completed lessons of all
// units) and the items due in each.
func (w *App) subjectCards(r *http.Request, quests []progress.Quest) ([]subjectCard, error) {
	ctx, who, l := r.Context(), *userFrom(r), w.localizer(r)
	mine, err := w.Catalog.MySubjects(ctx, who)
	if err != nil {
		return nil, err
	}
	maps, err := w.Catalog.MapData(ctx, who, "")
	if err != nil {
		return nil, err
	}
	done := map[string][2]int{}
	for _, m := range maps {
		d, t := mapProgress(m)
		done[m.SubjectID] = [2]int{d, t}
	}
	due := map[string]int64{}
	for _, q := range quests {
		if s, ok := q.Meta["subject"].(*string); ok && s != nil {
			due[*s] += dueOf(q)
		}
	}
	out := make([]subjectCard, 0, len(mine))
	for _, s := range mine {
		title := s.DisplayName
		if title == "" {
			title = s.Name
		}
		p := done[s.ID]
		out = append(out, subjectCard{ID: s.ID, Title: title, TitleEN: s.NameEN, Icon: s.Icon, Done: p[0], Total: p[1], Due: due[s.ID],
			Lessons: countT(l, "home.lessons_done", int64(p[1]), "done", p[0], "total", p[1])})
	}
	return out, nil
}

// mapProgress counts a subject's completed and total lessons.
func mapProgress(m catalog.MapSubject) (done, total int) {
	for _, u := range m.Units {
		for _, t := range u.Topics {
			if t.Stats != nil {
				done, total = done+t.Stats.Completed, total+t.Stats.Total
			}
			for _, l := range t.Lessons {
				total++
				if l.Status == "completed" {
					done++
				}
			}
		}
	}
	return done, total
}
