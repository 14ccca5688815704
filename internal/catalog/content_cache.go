package catalog

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// contentTTL bounds how long a server keeps serving a content tree it loaded: content is
// edited rarely and every edit on this server invalidates at once, so other servers of a
// cluster see an edit within this long.
const contentTTL = 30 * time.Second

// contentCache keeps the visible content trees the map, topic, track and lesson endpoints
// read on every request, so those requests cost one lookup instead of five queries.
// Trees are never modified after they are built, so they are shared between requests.
type contentCache struct {
	mu      sync.Mutex
	entries map[string]contentEntry
	gen     uint64 // bumped by invalidate: a load that started before it is not kept
}

type contentEntry struct {
	tree    *tree
	expires time.Time
}

func contentKey(institutionID string, subjectIDs []string) string {
	ids := slices.Clone(subjectIDs)
	slices.Sort(ids)
	return institutionID + "\x00" + strings.Join(ids, "\x00")
}

func (c *contentCache) get(key string, now time.Time) (*tree, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.After(e.expires) {
		return nil, c.gen, false
	}
	return e.tree, c.gen, true
}

func (c *contentCache) put(key string, t *tree, gen uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.entries == nil || len(c.entries) > 10_000 {
		c.entries = map[string]contentEntry{}
	}
	c.entries[key] = contentEntry{tree: t, expires: now.Add(contentTTL)}
}

func (c *contentCache) invalidate() {
	c.mu.Lock()
	c.entries = nil
	c.gen++
	c.mu.Unlock()
}
