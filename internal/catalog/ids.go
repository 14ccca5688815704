package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxIDLength is the longest id a client may send (content ids are at most 140 bytes).
const MaxIDLength = 140

// ValidID reports whether a client-sent id could name something: non-empty, at most
// MaxIDLength bytes of valid UTF-8 without control characters (PostgreSQL refuses NUL in
// text, so such input must be answered before it reaches the database).
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength || !utf8.ValidString(id) {
		return false
	}
	return !strings.ContainsFunc(id, unicode.IsControl)
}
