// Package loadgen is Memora's own load generator: it builds a synthetic institution of N
// students × M memory records straight into the database (COPY on PostgreSQL, large
// prepared-statement transactions on SQLite) and optionally into the Redis schedule, drives
// real HTTP sessions of virtual students against a running server (closed or open loop),
// and measures the bare floor of the two hot paths with the same driver, so every figure is
// also a ratio to what the machine and the databases allow.
package loadgen
