package identity

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"memora/internal/cache"
)

// SessionEpochs are per-user values shared by every instance (Redis,
// rediscache.SessionEpochs), changed after every commit that ends or changes a user's
// sessions (logout, password change or reset, role change, disabled or erased account). A
// session this server has cached, and has confirmed against the database since it last
// read the user's epoch, is served on an unchanged epoch without the per-request database
// read (store.AuthSessionVersion): a change made on any instance changes the epoch before
// it returns, so every instance sees it at its next request (when it cannot, it is retried
// in the background: changeEpoch). Without SessionEpochs, or when they cannot be read, every
// cache hit reads the database as before.
type SessionEpochs interface {
	// Epoch is the user's current epoch (made when the user has none). An error means it is
	// not known now.
	Epoch(ctx context.Context, userID int64) (int64, error)
	// Change gives the user a new epoch, never one it had before (or removes the epoch, so
	// the next Epoch makes one or fails). An error means it may be unchanged.
	Change(ctx context.Context, userID int64) error
}

// epochStamp is what a cached session was confirmed at: the user's epoch, read before the
// database said the session and its user's session version were unchanged, and the
// generation of the stamps then.
type epochStamp struct {
	epoch   int64
	version int64
	gen     uint64
}

// epochStamps maps a session token hash to its stamp (made on first use). A failed epoch
// read raises gen: every stamp taken before it is void (the epochs may have changed, or
// been lost and restored, while this server could not see them), and each session is
// confirmed against the database again before its stamp is renewed.
type epochStamps struct {
	once    sync.Once
	entries *cache.TTL[string, epochStamp]
	gen     atomic.Uint64
	// retries are the users whose epoch could not be changed: none of their stamps is
	// trusted until it is.
	retries epochRetries
}

func (e *epochStamps) ttl() *cache.TTL[string, epochStamp] {
	e.once.Do(func() { e.entries = cache.NewTTL[string, epochStamp](sessionCacheTTL, 100_000) })
	return e.entries
}

// sessionEpochTries is how often changing an epoch is tried before the request that ended
// the sessions returns (a dropped connection is retried at once); after that it is retried
// in the background (retryEpochLater).
const sessionEpochTries = 2

// SessionsEnded is called after every commit that ended or changed userID's sessions (a
// password change or reset, a role change, a disabled account, and outside this package a
// privacy erasure): this server forgets them and every other server sees it at its next
// request.
func (s *Service) SessionsEnded(ctx context.Context, userID int64) {
	s.sessions.forgetUser(userID)
	s.changeEpoch(ctx, userID)
}

// changeEpoch gives userID a new epoch (after the commit that changed their sessions), so
// that no server serves a session it stamped before (rediscache.SessionEpochs.Change also
// deletes the epoch when Redis refuses to replace it, as at maxmemory, and counts a change
// only once a replica of the key's master has it, so a failover cannot undo it). When that
// fails too, servers that can still read the old epoch could serve the user's cached
// sessions until their stamps expire (sessionCacheTTL): the change is then retried in the
// background until it is made or no stamp from before it can be left (retryEpochLater),
// and until then this server trusts no stamp of the user.
//
// The request that ended the sessions does not fail. Its change is committed: the database
// already refuses the sessions (or has the new roles), and every server that misses its
// cache, cannot read the epoch or has no stamp reads the database. Answering an error would
// tell the user that a logout, password change or role change did not happen when it did (a
// retried logout finds no session; a retried reset link is spent), and waiting for Redis
// would not end another server's stamps any sooner than the background retry does. What is
// left, another server serving a session it stamped before the commit while it can read the
// old epoch and this one cannot replace or delete it, lasts at most until the background
// change is made, and never beyond the stamps' TTL; it is logged.
func (s *Service) changeEpoch(ctx context.Context, userID int64) {
	if s.Epochs == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	var err error
	for range sessionEpochTries {
		before := s.stamps.retries.mark()
		if err = s.Epochs.Change(ctx, userID); err == nil {
			s.stamps.retries.settle(userID, before) // an earlier failed change is made too
			return
		}
	}
	s.retryEpochLater(userID, err)
}

// epochFresh reads the user's epoch for a cache hit: fresh says the session was confirmed
// at this epoch (and version) and may be served without the database; known says epoch
// was read (gen is the stamps' generation before the read, for stamp).
func (s *Service) epochFresh(ctx context.Context, hash []byte, hit cachedSession, now time.Time) (epoch int64, gen uint64, known, fresh bool) {
	if s.Epochs == nil {
		return 0, 0, false, false
	}
	if s.stamps.retries.pending(hit.who.UserID) {
		return 0, 0, false, false // its epoch could not be changed: the database answers
	}
	gen = s.stamps.gen.Load()
	epoch, err := s.Epochs.Epoch(ctx, hit.who.UserID)
	if err != nil {
		s.stamps.gen.Add(1)
		return 0, 0, false, false
	}
	st, ok := s.stamps.ttl().Get(string(hash), now)
	return epoch, gen, true, ok && st.gen == gen && st.epoch == epoch && st.version == hit.version
}

// stamp records that the session was confirmed against the database after its user's
// epoch was read as epoch (at stamp generation gen).
func (s *Service) stamp(hash []byte, epoch int64, gen uint64, version int64, now time.Time) {
	s.stamps.ttl().Put(string(hash), epochStamp{epoch: epoch, version: version, gen: gen}, now)
}

// DeferredEpochs are SessionEpochs whose read can ride in a request's own Redis round trip
// (rediscache.SessionEpochs: the review schedule's pipeline sends it).
type DeferredEpochs interface {
	// Defer returns ctx carrying a read of userID's epoch for the next Redis pipeline run
	// under it, and read, which returns the value (reading it itself when no pipeline did).
	Defer(ctx context.Context, userID int64) (context.Context, func(context.Context) (int64, error))
}

// AuthenticateSessionDeferred is AuthenticateSession for a read whose handler reads Redis
// anyway, so a cached session's epoch is read in the handler's own round trip. When it
// applies (a cached session stamped at the current generation and version), it returns the
// caller, the context to run the handler under, and confirm; the handler's answer may be
// sent only if confirm returns true, which it does exactly when AuthenticateSession would
// have served the session from the cache at the epoch confirm read (read after the request
// began, so a change made on any instance before is seen as AuthenticateSession sees it).
// Otherwise (confirm false) the caller drops the answer and serves the request again with
// AuthenticateSession. A nil confirm means the fast path does not apply: call
// AuthenticateSession. The handler changes nothing but caches before confirm: its writes
// to the database go through Hold, and confirm makes them when it returns true.
func (s *Service) AuthenticateSessionDeferred(ctx context.Context, token string) (Principal, context.Context, func() bool) {
	d, ok := s.Epochs.(DeferredEpochs)
	if !ok || token == "" {
		return Principal{}, ctx, nil
	}
	hash := hashToken(token)
	now := s.Clock.Now()
	hit, ok := s.sessions.get(hash, now)
	if !ok || (hit.demo && !s.DemoMode) || s.stamps.retries.pending(hit.who.UserID) {
		return Principal{}, ctx, nil
	}
	gen := s.stamps.gen.Load()
	st, ok := s.stamps.ttl().Get(string(hash), now)
	if !ok || st.gen != gen || st.version != hit.version {
		return Principal{}, ctx, nil
	}
	hctx, read := d.Defer(ctx, hit.who.UserID)
	hctx, held := withHeldWrites(hctx)
	confirm := func() bool {
		epoch, err := read(ctx)
		if err != nil {
			s.stamps.gen.Add(1) // as epochFresh: every stamp is void after a failed read
			return false
		}
		if epoch != st.epoch {
			return false
		}
		held.run(ctx)
		return true
	}
	return hit.who, hctx, confirm
}
