package httpx

import (
	"fmt"
	"net/http"
	"runtime/debug"
)

// panicError carries a recovered panic and its stack to the log.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string {
	return fmt.Sprintf("panic: %v\n%s", p.value, p.stack)
}

// Recover turns a handler panic into a 500 Frappe body; the panic value and
// stack are logged, never sent. Place it inside AccessLog so the 500 is
// logged and so it can tell whether a response was already started.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the stdlib's deliberate "abort silently" signal
			}
			err := &panicError{value: v, stack: debug.Stack()}
			if responseStarted(w) {
				// Too late for a 500: log, then abort the connection so
				// the client cannot mistake a truncated body for a whole one.
				rs := responderFrom(r.Context())
				rs.logError(r, rs.Resolve(err))
				panic(http.ErrAbortHandler)
			}
			WriteError(w, r, err)
		}()
		next.ServeHTTP(w, r)
	})
}

func responseStarted(w http.ResponseWriter) bool {
	sw, ok := w.(interface{ Status() int })
	return ok && sw.Status() != 0
}
