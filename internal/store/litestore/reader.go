package litestore

import "database/sql"

// Reader is the read-only connection pool (for pool metrics).
func (s *Store) Reader() *sql.DB { return s.reader }
