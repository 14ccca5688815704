package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// binary is the memora command built once for every test that runs it.
var binary struct {
	dir  string
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "memora-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary.dir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// memoraBinary is the path of the memora binary, built on first use.
func memoraBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		binary.path = filepath.Join(binary.dir, "memora")
		build := exec.Command("go", "build", "-o", binary.path, ".")
		build.Stderr = os.Stderr
		binary.err = build.Run()
	})
	if binary.err != nil {
		t.Fatalf("build memora: %v", binary.err)
	}
	return binary.path
}
