package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed assets
var assetFiles embed.FS

// assets are the static files, served under content-hashed names (/assets/app.3fa2c1d0.css) with a
// year-long immutable cache, and gzip-compressed once at start.
type assets struct {
	byName map[string]string // "css/app.css" → "/assets/app.3fa2c1d0.css"
	files  map[string]*asset // "app.3fa2c1d0.css" → the file
}

type asset struct {
	body, gzipped []byte
	contentType   string
}

func loadAssets() (*assets, error) {
	as := &assets{byName: map[string]string{}, files: map[string]*asset{}}
	err := fs.WalkDir(assetFiles, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := assetFiles.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "assets/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(path.Base(name), ext) + "." + hex.EncodeToString(sum[:4]) + ext
		if _, dup := as.files[hashed]; dup {
			return fmt.Errorf("asset %s: two files named %s", name, hashed)
		}
		a := &asset{body: body, contentType: mime.TypeByExtension(ext)}
		if ext == ".js" {
			a.contentType = "text/javascript; charset=utf-8"
		}
		if compressible(ext) {
			if a.gzipped, err = gzipBytes(body); err != nil {
				return err
			}
		}
		as.byName[name], as.files[hashed] = "/assets/"+hashed, a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	return as, nil
}

func compressible(ext string) bool {
	switch ext {
	case ".css", ".js", ".svg", ".json", ".webmanifest":
		return true
	}
	return false
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// URL is the hashed URL of an asset ("css/app.css"); templates call it as {{asset "css/app.css"}}.
func (as *assets) URL(name string) (string, error) {
	u, ok := as.byName[name]
	if !ok {
		return "", fmt.Errorf("no asset %q", name)
	}
	return u, nil
}

// ServeHTTP serves a hashed asset. The response body is already compressed when the client
// accepts gzip, so the page compressor leaves it alone.
func (as *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a, ok := as.files[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	body := a.body
	if a.gzipped != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = a.gzipped
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// favicon answers browsers that ask for /favicon.ico before reading the page's icon link.
func (as *assets) favicon(w http.ResponseWriter, r *http.Request) {
	u, err := as.URL("img/icon.svg")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, u, http.StatusMovedPermanently)
}
