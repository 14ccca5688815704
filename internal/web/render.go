package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"memora/internal/i18n"
	"memora/internal/identity"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages holds one template set per page: the layout, the partials and the page.
type pages struct {
	byName map[string]*template.Template
}

func parsePages(as *assets) (*pages, error) {
	funcs := template.FuncMap{
		"asset": as.URL,
		"dict":  dict,
		"add":   func(a, b int) int { return a + b },
	}
	shared, err := fs.Glob(templateFiles, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	all, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	ps := &pages{byName: map[string]*template.Template{}}
	for _, file := range all {
		name := strings.TrimSuffix(path.Base(file), ".html")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, append(shared, file)...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		ps.byName[name] = t
	}
	return ps, nil
}

// dict builds a map for passing several values to a partial: {{template "x" dict "A" 1 "B" 2}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// view is what every template receives: the page's data plus who is reading and in which language.
type view struct {
	L     Localizer
	User  *identity.Principal
	Title string
	// Nav is the bottom-bar tab to highlight ("home", "review", "leaderboard", "profile", "store").
	Nav string
	// NoNav leaves out the tab bar and the brand's link home, for a signed-in user who cannot use
	// the student pages yet (onboarding) or at all (staff who do not study).
	NoNav bool
	// Path is the request path, so the language switch can come back to it.
	Path string
	// Strings are the catalogue keys a page's script needs, sent as a JSON data block.
	Strings map[string]string
	Data    any
}

// ShowNav says whether the page has the tab bar: for signed-in users, unless NoNav.
func (v view) ShowNav() bool { return v.User != nil && !v.NoNav }

// render writes page name with status. Templates render into a buffer first, so a template
// error becomes a clean 500 instead of half a page.
func (w *App) render(rw http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t, ok := w.pages.byName[name]
	if !ok {
		w.serverError(rw, r, fmt.Errorf("no page template %q", name))
		return
	}
	if v.L.msgs == nil {
		v.L = w.localizer(r)
	}
	if v.User == nil {
		v.User = userFrom(r)
	}
	v.Path = r.URL.RequestURI()
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		w.serverError(rw, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	rw.WriteHeader(status)
	_, _ = rw.Write(buf.Bytes())
}

// strings picks the catalogue entries a page's script uses.
func (l Localizer) strings(keys ...string) map[string]string {
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		out[k] = l.T(k)
	}
	return out
}

// localizer is the request's language over the catalogue; the web app speaks Arabic unless told
// otherwise.
func (w *App) localizer(r *http.Request) Localizer {
	l := Localizer{Lang: i18n.FromRequest(r, i18n.Arabic), msgs: w.msgs}
	if who := userFrom(r); who != nil {
		l.zone = who.Zone()
	}
	return l
}

func (w *App) serverError(rw http.ResponseWriter, r *http.Request, err error) {
	w.logger.ErrorContext(r.Context(), "web page failed", "path", r.URL.Path, "err", err)
	l := w.localizer(r)
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(rw, `<!doctype html><html lang="%s" dir="%s"><meta charset="utf-8"><title>%s</title><p>%s</p><p><a href="/">%s</a></p></html>`,
		l.Lang, l.Lang.Dir(), template.HTMLEscapeString(l.T("error.title")),
		template.HTMLEscapeString(l.T("error.server")), template.HTMLEscapeString(l.T("nav.home")))
}
