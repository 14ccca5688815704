package web

import (
	"net/http"
	"net/url"

	"memora/internal/leaderboard"
)

// boardData is one board: a period of all subjects or of one, its top players and the reader's
// own standing.
type boardData struct {
	Period   string
	Subject  string // "" for all subjects
	Periods  []boardTab
	Subjects []subjectCard
	Rows     []boardRow
	Me       boardRow
	// MeListed is true when the reader is among Rows (highlighted there, not pinned).
	MeListed bool
	// Building: the board is being prepared (its first build runs in the background).
	Building bool
}

// boardTab is a period's tab, a link that keeps the subject.
type boardTab struct {
	Period, Href string
	Current      bool
}

// boardRow is a player as the board shows them.
type boardRow struct {
	leaderboard.Entry
	Initial string
	Medal   string
}

var boardPeriods = []leaderboard.Period{leaderboard.Daily, leaderboard.Weekly, leaderboard.Monthly, leaderboard.AllTime}

var medals = map[int64]string{1: "🥇", 2: "🥈", 3: "🥉"}

func (w *App) leaderboardShow(rw http.ResponseWriter, r *http.Request) {
	ctx, who := r.Context(), *userFrom(r)
	q := r.URL.Query()
	period, err := leaderboard.ParsePeriod(q.Get("period"))
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	subject := q.Get("subject")
	reply, err := w.Leaderboard.Get(ctx, who, subject, string(period))
	if err != nil {
		w.pageError(rw, r, err)
		return
	}
	subjects, err := w.planSubjects(r)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	d := boardData{Period: string(period), Subject: subject, Subjects: subjects, Me: row(reply.UserRank), Building: reply.Building}
	for _, p := range boardPeriods {
		v := url.Values{"period": {string(p)}}
		if subject != "" {
			v.Set("subject", subject)
		}
		d.Periods = append(d.Periods, boardTab{Period: string(p), Href: "/leaderboard?" + v.Encode(), Current: p == period})
	}
	for _, e := range reply.Leaderboard {
		d.Rows = append(d.Rows, row(e))
		d.MeListed = d.MeListed || e.IsCurrentUser
	}
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "leaderboard", view{L: l, Title: l.T("nav.leaderboard"), Nav: "leaderboard", Data: d})
}

func row(e leaderboard.Entry) boardRow {
	b := boardRow{Entry: e, Initial: initial(e.Name)}
	if e.Rank != nil {
		b.Medal = medals[*e.Rank]
	}
	return b
}

// planSubjects are the subjects of the reader's plan, without their progress.
func (w *App) planSubjects(r *http.Request) ([]subjectCard, error) {
	mine, err := w.Catalog.MySubjects(r.Context(), *userFrom(r))
	if err != nil {
		return nil, err
	}
	out := make([]subjectCard, 0, len(mine))
	for _, s := range mine {
		title := s.DisplayName
		if title == "" {
			title = s.Name
		}
		out = append(out, subjectCard{ID: s.ID, Title: title, TitleEN: s.NameEN, Icon: s.Icon})
	}
	return out, nil
}

// RankN is the rank, 0 for a player without one.
func (b boardRow) RankN() int64 {
	if b.Rank == nil {
		return 0
	}
	return *b.Rank
}
