package web

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"
)

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return zw
}}

func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// gzipResponse compresses a text response when the client accepts gzip and the handler has not
// encoded the body itself (hashed assets are stored compressed).
type gzipResponse struct {
	http.ResponseWriter
	accepts bool
	zw      *gzip.Writer
	decided bool
}

func compress(w http.ResponseWriter, r *http.Request) *gzipResponse {
	w.Header().Add("Vary", "Accept-Encoding")
	return &gzipResponse{ResponseWriter: w, accepts: acceptsGzip(r) && r.Method != http.MethodHead}
}

func (g *gzipResponse) WriteHeader(status int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		if g.accepts && h.Get("Content-Encoding") == "" && textual(h.Get("Content-Type")) &&
			status != http.StatusNoContent && status != http.StatusNotModified {
			h.Set("Content-Encoding", "gzip")
			h.Del("Content-Length")
			zw := gzipWriters.Get().(*gzip.Writer)
			zw.Reset(g.ResponseWriter)
			g.zw = zw
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipResponse) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// Close flushes the compressed stream.
func (g *gzipResponse) Close() {
	if g.zw != nil {
		_ = g.zw.Close()
		gzipWriters.Put(g.zw)
		g.zw = nil
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (g *gzipResponse) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func textual(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg")
}
