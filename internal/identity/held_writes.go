package identity

import (
	"context"
	"sync"
)

// heldWrites are the writes a handler run under AuthenticateSessionDeferred left for after
// its caller is confirmed (Hold).
type heldWrites struct {
	mu  sync.Mutex
	fns []func(context.Context)
}

type heldWritesKey struct{}

// withHeldWrites returns ctx under which Hold keeps its writes in h.
func withHeldWrites(ctx context.Context) (context.Context, *heldWrites) {
	h := &heldWrites{}
	return context.WithValue(ctx, heldWritesKey{}, h), h
}

// run makes the held writes, once, in the order they were held.
func (h *heldWrites) run(ctx context.Context) {
	h.mu.Lock()
	fns := h.fns
	h.fns = nil
	h.mu.Unlock()
	for _, fn := range fns {
		fn(ctx)
	}
}

// Hold makes a handler's write to the database: at once, or, when the handler runs before
// its caller is confirmed (under the context of AuthenticateSessionDeferred), once confirm
// returns true. A caller who is not confirmed is served again with AuthenticateSession, and
// that run makes its writes; the held ones are dropped. A handler makes no other write
// before confirm (caches only).
func Hold(ctx context.Context, fn func(context.Context)) {
	h, ok := ctx.Value(heldWritesKey{}).(*heldWrites)
	if !ok {
		fn(ctx)
		return
	}
	h.mu.Lock()
	h.fns = append(h.fns, fn)
	h.mu.Unlock()
}
