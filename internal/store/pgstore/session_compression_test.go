package pgstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store/storetest"
)

// A session's raw_data and response are compressed with lz4 (migration 00190): pglz cost
// every review submission ~45 us of the database's CPU.
func TestSessionLongValuesAreCompressedWithLz4(t *testing.T) {
	s, _ := storetest.OpenPostgres(t)
	rows, err := s.Pool().Query(context.Background(), `SELECT attname, attcompression FROM pg_attribute
		WHERE attrelid = 'gameplay_sessions'::regclass AND attname IN ('raw_data', 'response') ORDER BY attname`)
	require.NoError(t, err)
	got := map[string]string{}
	for rows.Next() {
		var name, method string
		require.NoError(t, rows.Scan(&name, &method))
		got[name] = method
	}
	require.NoError(t, rows.Err())
	require.Equal(t, map[string]string{"raw_data": "l", "response": "l"}, got)
}
