package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/importer"
	"memora/internal/webtest"
)

// A lesson and a topic whose titles hold markup are shown as text on every page that names them.
func TestContentTitlesWithMarkupAreShownAsText(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`

	f, err := demo.Load(time.Now())
	require.NoError(t, err)
	var lessons []importer.Lesson
	var topicID string
	for _, l := range f.Lessons {
		if l.Topic != "" && topicID == "" {
			topicID = l.Topic
		}
		if l.Topic == topicID && topicID != "" {
			n := fmt.Sprint(len(lessons))
			l.Title, l.TitleEn = evil+n, evil+n
			lessons = append(lessons, l)
		}
	}
	require.NotEmpty(t, lessons)
	var topics []importer.Topic
	for _, tp := range f.Topics {
		if tp.ID == topicID {
			tp.Title, tp.TitleEn = evil, evil
			topics = append(topics, tp)
		}
	}
	_, err = importer.Apply(ctx, srv.App.Store, &importer.File{Format: f.Format, Version: f.Version, Topics: topics, Lessons: lessons}, time.Now())
	require.NoError(t, err)
	srv.App.Catalog.InvalidateContent()

	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	pages := []string{"/topics/" + topicID, "/lessons/" + lessons[0].ID}
	for _, s := range f.Subjects {
		pages = append(pages, "/subjects/"+s.ID)
	}
	shown := 0
	for _, path := range pages {
		p := c.get(path)
		require.NotContains(t, p.body, evil, path)
		require.NotContains(t, p.body, "<img src=x", path)
		require.NotContains(t, strings.ReplaceAll(p.body, `<script type="application/json"`, ""), `<script>alert`, path)
		if p.status == http.StatusOK && strings.Contains(p.body, "&lt;script&gt;alert(") {
			shown++
		}
	}
	require.Greater(t, shown, 1, "the titles are on the pages, escaped")
}
