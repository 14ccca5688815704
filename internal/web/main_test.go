package web_test

import (
	"testing"

	"memora/internal/webtest"
)

// One Chromium for every browser test of the package.
func TestMain(m *testing.M) { webtest.Main(m) }
