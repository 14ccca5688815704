package loadgen

// The population is raw data loading: millions of rows go in through COPY (PostgreSQL) or
// prepared statements in large transactions (SQLite), with explicit user ids so one pass
// writes a student's every row. The store's per-row upserts would take hours at 100M rows,
// so this file is the one place outside the store packages that holds SQL (the documented
// bulk-load exception); the floor and the driver use the store and the HTTP API only.

// Columns of each bulk-loaded table, in the order the loaders send values.
var (
	colsUsers    = []string{"id", "institution_id", "email", "full_name", "password_hash", "enabled", "created_at"}
	colsRoles    = []string{"user_id", "role"}
	colsProfiles = []string{"user_id", "grade_id", "stream_id", "season_id", "total_xp", "gems", "hearts", "created_at", "updated_at"}
	colsScores   = []string{"user_id", "subject_id", "total_xp", "level"}
	colsSessions = []string{"user_id", "institution_id", "client_session_id", "kind", "lesson_id", "subject_id", "topic_id",
		"season_id", "xp_earned", "score", "local_day", "raw_data", "response", "created_at"}
	colsXP     = []string{"user_id", "institution_id", "subject_id", "source", "ref", "amount", "local_day", "created_at"}
	colsMemory = []string{"user_id", "season_id", "question_id", "subject_id", "topic_id", "stability", "difficulty", "state",
		"step", "level", "due", "last_review", "reps", "lapses", "retired", "created_at", "updated_at"}
)

// bulkTables are the tables a population writes, with their column lists (users first: the
// others reference it).
var bulkTables = []struct {
	name string
	cols []string
}{
	{"users", colsUsers}, {"user_roles", colsRoles}, {"player_profiles", colsProfiles},
	{"player_subject_scores", colsScores}, {"gameplay_sessions", colsSessions}, {"xp_ledger", colsXP},
	{"memory_state", colsMemory},
}

// sqlMaxUserID is where the population's explicit user ids start.
const sqlMaxUserID = `SELECT coalesce(max(id), 0) FROM users`

// sqlResetLoadgen deletes every row of the loadgen institution's users, children first; one
// parameter, the institution id ('?' is rewritten to '$1' on PostgreSQL). Content and the
// institution row stay: they are shared and re-imported idempotently.
var sqlResetLoadgen = []string{
	`DELETE FROM memory_state WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM archived_memory_state WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM review_log WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM xp_ledger WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM gameplay_sessions WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM subscriptions WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM purchase_requests WHERE user_id IN (SELECT id FROM users WHERE institution_id = ?)`,
	`DELETE FROM users WHERE institution_id = ?`,
}

// sqlLoadgenUserIDs lists the users --reset removes (their Redis keys go too).
const sqlLoadgenUserIDs = `SELECT id FROM users WHERE institution_id = ?`

// PostgreSQL only.
const (
	// pgSeasonPartition names the memory_state partition holding exactly the season, if any.
	pgSeasonPartition = `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'memory_state'::regclass AND pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%L)', $1::text)`
	// pgSecondaryIndexes lists a table's plain (not unique, not primary) indexes with their DDL:
	// what a huge load drops first and builds once at the end.
	pgSecondaryIndexes = `SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = $1::regclass AND NOT x.indisunique AND NOT x.indisprimary ORDER BY i.relname`
	// pgRecountLevels sets the level counts (migration 00150) of the students ($1) whose rows
	// were copied straight into a partition, which fires memory_state's triggers not.
	pgRecountLevels = `INSERT INTO memory_level_counts AS c (user_id, season_id, level, n)
SELECT user_id, season_id, level, count(*) FROM memory_state WHERE user_id = ANY($1::bigint[]) AND NOT retired
GROUP BY user_id, season_id, level ORDER BY user_id, season_id, level
ON CONFLICT (user_id, season_id, level) DO UPDATE SET n = excluded.n`
	pgFastCommit   = `SET LOCAL synchronous_commit = off`
	pgIndexMemory  = `SET maintenance_work_mem = '512MB'`
	pgResetUserSeq = `SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT greatest(max(id), 1) FROM users))`
	// pgLeaves are where a table's rows live: itself, or its partitions.
	pgLeaves = `(SELECT oid AS relid FROM pg_class WHERE oid = $1::regclass AND relkind = 'r'
UNION ALL SELECT relid FROM pg_partition_tree($1::regclass) WHERE isleaf)`
	// pgRowEstimate is the planner's row count (cheap at any size; exact enough to decide
	// whether a load dwarfs a table).
	pgRowEstimate = `SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM ` + pgLeaves + ` t JOIN pg_class c ON c.oid = t.relid`
	// pgTableSizes is heap and index bytes of a table, summed over its partitions.
	pgTableSizes = `SELECT coalesce(sum(pg_relation_size(relid)), 0)::bigint, coalesce(sum(pg_indexes_size(relid)), 0)::bigint,
coalesce(sum(pg_total_relation_size(relid)), 0)::bigint FROM ` + pgLeaves + ` t`
)

// sqlCount counts a table's rows exactly (table names come from bulkTables, never input).
const sqlCount = `SELECT count(*) FROM `

// SQLite only.
const (
	// liteSecondaryIndexes lists a table's explicit indexes (constraint indexes have no SQL)
	// that are not unique.
	liteSecondaryIndexes = `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`
	liteTableSizes = `SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ? OR name IN
(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?)`
	liteHeapSize = `SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?`
)

// insertSQL is a one-row INSERT of table's columns with '?' placeholders (SQLite).
func insertSQL(table string, cols []string) string {
	q := "INSERT INTO " + table + " ("
	vals := ""
	for i, c := range cols {
		if i > 0 {
			q += ", "
			vals += ", "
		}
		q += c
		vals += "?"
	}
	return q + ") VALUES (" + vals + ")"
}
