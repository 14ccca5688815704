package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// redisLogger sends go-redis's own log lines (reconnects, pool and cluster notices) through
// slog, so in JSON mode they are JSON too.
type redisLogger struct{ log *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, strings.TrimSpace(fmt.Sprintf(format, v...)), "component", "go-redis")
}

// routeRedisLogs installs the adapter. go-redis keeps its logger in a package variable, so
// this is process-wide and done once, where the process's logger is made.
var routeRedisLogs sync.Once

func useSlogForRedis(log *slog.Logger) {
	routeRedisLogs.Do(func() { redis.SetLogger(redisLogger{log}) })
}

// lineLogger turns what a command prints for people into log records, one per line, so that
// in JSON mode every line the process writes is JSON (the start banner too).
type lineLogger struct {
	log *slog.Logger
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for {
		line, err := l.buf.ReadString('\n')
		if err != nil { // no newline yet: keep the partial line
			l.buf.Reset()
			l.buf.WriteString(line)
			return len(p), nil
		}
		if s := strings.TrimSpace(line); s != "" {
			l.log.Info(s)
		}
	}
}

// consoleFor is where a command's human-readable lines go: stdout in text mode, the JSON log
// in JSON mode.
func consoleFor(format string, stdout io.Writer, log *slog.Logger) io.Writer {
	if format == "json" {
		return &lineLogger{log: log}
	}
	return stdout
}
