package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

var (
	classStudentCell = regexp.MustCompile(`<tr id="student-\d+">\s*<td>(.*?)</td>`)
	tags             = regexp.MustCompile(`<[^>]*>`)
)

// The class view names each student's grade and stream by their titles in the reader's
// language, under the student's name, not by their ids.
func TestTheClassViewNamesStudentsGradesAndStreamsByTheirTitles(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	grades, err := srv.App.Store.GradeList(ctx)
	require.NoError(t, err)
	streams, err := srv.App.Store.StreamList(ctx)
	require.NoError(t, err)
	ids := map[string]bool{}
	titles := map[string]map[string]bool{"ar": {}, "en": {}}
	for _, g := range grades {
		ids[g.ID] = true
		titles["ar"][g.Title], titles["en"][g.TitleEN] = true, true
	}
	for _, s := range streams {
		ids[s.ID] = true
		titles["ar"][s.Title], titles["en"][s.TitleEN] = true, true
	}
	require.NotEmpty(t, ids, "the demo has grades and streams")
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskTeacher, lang).get("/app/class")
		require.Equal(t, http.StatusOK, p.status)
		cells := classStudentCell.FindAllStringSubmatch(p.body, -1)
		require.NotEmpty(t, cells, "the class view lists students")
		withStream := 0
		for _, cell := range cells {
			_, under, _ := strings.Cut(cell[1], "</a>") // what the student's name has under it
			if under == "" {
				continue // no profile yet
			}
			sep := map[string]string{"ar": "، ", "en": " · "}[lang] // list.sep: a dot beside an Arabic digit reads as ٠
			parts := strings.Split(html.UnescapeString(tags.ReplaceAllString(under, "")), sep)
			for _, text := range parts {
				require.False(t, ids[text], "%s: a student's grade or stream is shown by its id %q: %s", lang, text, cell[1])
				require.True(t, titles[lang][text], "%s: %q is a grade's or a stream's title: %s", lang, text, cell[1])
			}
			require.Len(t, bdi.FindAllString(under, -1), len(parts), "%s: each title is isolated: %s", lang, under)
			if len(parts) == 2 {
				withStream++
			}
		}
		require.Positive(t, withStream, "%s: students with a stream show their grade and their stream", lang)
	}
}

// A student's page labels every fact in the reader's language (its XP was labelled "XP" on the
// Arabic page too).
func TestTheClassStudentPageLabelsItsFactsInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	link := regexp.MustCompile(`href="(/app/class/\d+)"`)
	for lang, want := range map[string]string{"ar": "<dt>نقاط الخبرة</dt>", "en": "<dt>XP</dt>"} {
		c := deskClient(t, srv, deskTeacher, lang)
		m := link.FindStringSubmatch(c.get("/app/class").body)
		require.NotNil(t, m, "the class view links to its students")
		p := c.get(m[1])
		require.Equal(t, http.StatusOK, p.status)
		require.Contains(t, p.body, want, lang)
		if lang == "ar" {
			require.NotContains(t, p.body, "<dt>XP</dt>")
		}
	}
}

// A student's page says the student's grade and stream under the name, by their titles in the
// reader's language as the class view does (it said neither).
func TestTheClassStudentPageNamesTheStudentsGradeAndStream(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	link := regexp.MustCompile(`<a href="(/app/class/\d+)"`)
	under := regexp.MustCompile(`</h1>\s*<p class="muted desk-student-of">(.*?)</p>`)
	for _, lang := range []string{"ar", "en"} {
		c := deskClient(t, srv, deskTeacher, lang)
		cells := classStudentCell.FindAllStringSubmatch(c.get("/app/class").body, -1)
		require.NotEmpty(t, cells, "the class view lists students")
		withBoth := 0
		for _, cell := range cells {
			m := link.FindStringSubmatch(cell[1])
			require.NotNil(t, m, "%s: the class view links to its students: %s", lang, cell[1])
			_, want, _ := strings.Cut(cell[1], "</a>") // the grade and stream under the name there
			want = strings.TrimSuffix(strings.TrimPrefix(want, `<br><small class="muted">`), "</small>")
			p := c.get(m[1])
			require.Equal(t, http.StatusOK, p.status)
			got := under.FindStringSubmatch(p.body)
			if want == "" {
				require.Nil(t, got, "%s %s: no grade, no line under the name", lang, m[1])
				continue
			}
			require.NotNil(t, got, "%s %s: the grade and stream are under the name", lang, m[1])
			require.Equal(t, want, got[1], "%s %s: the same titles as in the class view", lang, m[1])
			if strings.Contains(got[1], map[string]string{"ar": "، ", "en": " · "}[lang]) {
				withBoth++
			}
		}
		require.Positive(t, withBoth, "%s: some student shows both a grade and a stream", lang)
	}
}
