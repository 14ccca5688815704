package main

import (
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// `memora version` names the build: module version, commit (from the VCS stamp Go embeds)
// and Go version, without reading any configuration.
func TestVersionPrintsTheVersionCommitAndGoVersion(t *testing.T) {
	out, err := exec.Command(memoraBinary(t), "version").Output()
	require.NoError(t, err)
	line := strings.TrimSpace(string(out))
	require.Regexp(t, regexp.MustCompile(`^memora \S+ \(commit \S+(, \S+)?, `+regexp.QuoteMeta(runtime.Version())+`\)$`), line)
}
