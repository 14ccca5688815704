package buildinfo_test

import (
	"runtime"
	"runtime/debug"
	"testing"

	"memora/internal/buildinfo"
)

func TestTheCommitAndGoVersionComeFromTheBuildInformation(t *testing.T) {
	t.Parallel()
	in := buildinfo.FromBuildInfo(&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-12-06T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"}}})
	want := buildinfo.Info{Version: "v1.2.3", Commit: "abc123-dirty", Time: "2026-12-06T10:00:00Z", GoVersion: "go1.26.0"}
	if in != want {
		t.Fatalf("got %+v, want %+v", in, want)
	}
	if got := in.String(); got != "memora v1.2.3 (commit abc123-dirty, 2026-12-06T10:00:00Z, go1.26.0)" {
		t.Fatalf("String() = %q", got)
	}
	bare := buildinfo.FromBuildInfo(&debug.BuildInfo{GoVersion: "go1.26.0"})
	if bare.Version != "(devel)" || bare.Commit != "unknown" {
		t.Fatalf("without VCS data: %+v", bare)
	}
	if got := buildinfo.Read().GoVersion; got != runtime.Version() {
		t.Fatalf("Read().GoVersion = %q, want %q", got, runtime.Version())
	}
}
