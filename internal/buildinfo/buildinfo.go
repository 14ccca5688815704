// Package buildinfo says which Memora this binary is: its module version, the commit it was
// built from and the Go version, read from the build information Go embeds in every binary
// (runtime/debug), so nothing has to be passed with -ldflags.
package buildinfo

import (
	"fmt"
	"runtime/debug"
)

// Info identifies a build.
type Info struct {
	Version   string // module version, "(devel)" for a build from a working tree
	Commit    string // VCS revision, with "-dirty" when the tree had changes; "unknown" without VCS data
	Time      string // commit time (RFC 3339), "" when unknown
	GoVersion string
}

// Read returns the running binary's build information.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "unknown", Commit: "unknown", GoVersion: "unknown"}
	}
	return FromBuildInfo(bi)
}

// FromBuildInfo extracts Info from Go's build information.
func FromBuildInfo(bi *debug.BuildInfo) Info {
	in := Info{Version: bi.Main.Version, Commit: "unknown", GoVersion: bi.GoVersion}
	if in.Version == "" {
		in.Version = "(devel)"
	}
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			in.Commit = s.Value
		case "vcs.time":
			in.Time = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && in.Commit != "unknown" {
		in.Commit += "-dirty"
	}
	return in
}

// String is the one line `memora version` prints.
func (in Info) String() string {
	s := fmt.Sprintf("memora %s (commit %s", in.Version, in.Commit)
	if in.Time != "" {
		s += ", " + in.Time
	}
	return s + ", " + in.GoVersion + ")"
}
