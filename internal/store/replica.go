package store

import "context"

// replicaReadsKey marks a context whose lag-tolerant reads may go to a read replica.
type replicaReadsKey struct{}

// WithReplicaReads marks ctx: the store may answer its lag-tolerant reads (the leaderboard,
// catalogue and map, profile statistics: pgstore lists them) from a read replica, which can
// be a few seconds behind the primary. Only requests that wrote nothing, from clients that
// wrote nothing lately, are marked (httpx.ReplicaReads), so a student always reads their
// own writes; everything unmarked — writes, transactions, jobs, the CLI — reads the primary.
func WithReplicaReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaReadsKey{}, true)
}

// WithoutReplicaReads undoes WithReplicaReads for reads whose answer outlives the request
// (a cache filled just after an invalidation must not keep what a lagging replica had).
func WithoutReplicaReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaReadsKey{}, false)
}

// ReplicaReads reports whether ctx was marked by WithReplicaReads.
func ReplicaReads(ctx context.Context) bool {
	ok, _ := ctx.Value(replicaReadsKey{}).(bool)
	return ok
}
