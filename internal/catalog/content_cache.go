package catalog

import (
	"slices"
	"strings"
	"time"
)

// The content cache (Service.content, a cache.TTL) keeps the visible content trees the
// map, topic, track and lesson endpoints read on every request, so those requests cost one
// lookup instead of five queries. Trees are never modified after they are built, so they
// are shared between requests; InvalidateContent drops them, and a load that started
// before it is not kept.

// contentTTL bounds how long a server keeps serving a content tree it loaded: content is
// edited rarely and every edit on this server invalidates at once, so other servers of a
// cluster see an edit within this long.
const contentTTL = 30 * time.Second

// contentEntries bounds the trees kept (one per institution and set of subjects).
const contentEntries = 10_000

func contentKey(institutionID string, subjectIDs []string) string {
	ids := slices.Clone(subjectIDs)
	slices.Sort(ids)
	return institutionID + "\x00" + strings.Join(ids, "\x00")
}
