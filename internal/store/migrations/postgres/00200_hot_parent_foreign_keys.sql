-- Every recorded session (gameplay_sessions) and XP credit (xp_ledger) checked its foreign
-- keys to its institution's and its season's row, and a foreign-key check share-locks the
-- parent row: all of an institution's submissions in flight locked the same two rows, which
-- PostgreSQL records as a MultiXact (WAL records and SLRU traffic on every submission, the
-- more the busier the institution). Institutions and seasons are never deleted (a season
-- is archived, its row kept), and both ids are written from the player's own profile and
-- season, read in the same request, so the checks guarded nothing. The keys to users stay
-- (a player's own row, with ON DELETE CASCADE), as do those to subjects, topics and
-- lessons, which the desk may delete. Measured on a 10M-row load run: the session row's
-- insert 0.160 -> 0.136 ms and 9 -> 6 WAL records (docs/benchmarks.md, the tenth round).
-- PostgreSQL only: SQLite takes no row locks.

-- +goose Up
ALTER TABLE gameplay_sessions DROP CONSTRAINT IF EXISTS gameplay_sessions_institution_id_fkey;
ALTER TABLE gameplay_sessions DROP CONSTRAINT IF EXISTS gameplay_sessions_season_id_fkey;
ALTER TABLE xp_ledger DROP CONSTRAINT IF EXISTS xp_ledger_institution_id_fkey;

-- +goose Down
ALTER TABLE xp_ledger ADD CONSTRAINT xp_ledger_institution_id_fkey
    FOREIGN KEY (institution_id) REFERENCES institutions(id) NOT VALID;
ALTER TABLE gameplay_sessions ADD CONSTRAINT gameplay_sessions_season_id_fkey
    FOREIGN KEY (season_id) REFERENCES seasons(id) NOT VALID;
ALTER TABLE gameplay_sessions ADD CONSTRAINT gameplay_sessions_institution_id_fkey
    FOREIGN KEY (institution_id) REFERENCES institutions(id) NOT VALID;
