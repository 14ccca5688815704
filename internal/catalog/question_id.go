package catalog

import (
	"strconv"
	"strings"
)

// A review item's question id is its stage's id (a quiz, or a whole stage of a legacy
// item) or "<stage>:<n>", the n-th highlight or pair of a reveal or matching stage. Stage
// ids never contain ':' (see Save), so the last ':' splits the two.

// AtomID is the question id of the index-th highlight or pair of a stage.
func AtomID(stage string, index int) string { return stage + ":" + strconv.Itoa(index) }

// SplitQuestionID returns the stage a question id belongs to and the atom's index in it, or
// the id itself and -1 when it names a stage: when there is no ':' with a stage before it
// and a non-negative number written plainly after it (no sign, no leading zero, at most 18
// digits).
func SplitQuestionID(id string) (stage string, index int) {
	i := strings.LastIndexByte(id, ':')
	digits := id[i+1:]
	if i <= 0 || len(digits) == 0 || len(digits) > 18 || digits[0] == '0' && len(digits) > 1 {
		return id, -1
	}
	n := 0
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return id, -1
		}
		n = n*10 + int(c-'0')
	}
	return id[:i], n
}
