package importer_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/importer"
)

func demoFile(t *testing.T) *importer.File {
	t.Helper()
	f, err := importer.Parse(bytes.NewReader(demo.File()))
	require.NoError(t, err)
	return f
}

func TestDemoFileValidates(t *testing.T) {
	t.Parallel()
	require.NoError(t, demoFile(t).Validate())
}

func TestDemoWithOneBadStageIsRefused(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	l := &f.Lessons[7]
	s := &l.Stages[3]
	require.Equal(t, "quiz", s.Type)
	s.Config = json.RawMessage(`{"question":"?","options":["a","b","c","d"],"correct_index":5}`)
	err := f.Validate()
	require.ErrorIs(t, err, importer.ErrInvalid)
	want := `lessons[7] "` + l.ID + `": stages[3] "` + s.ID + `": quiz config: correct_index 5 is out of range (4 options)`
	require.Equal(t, importer.ErrInvalid.Error()+"\n"+want, err.Error())
}

func TestDemoWithDanglingReferenceIsRefused(t *testing.T) {
	t.Parallel()
	f := demoFile(t)
	f.Units[3].Track = "phys-t9"
	err := f.Validate()
	require.ErrorIs(t, err, importer.ErrInvalid)
	require.Contains(t, strings.Split(err.Error(), "\n"), `units[3] "`+f.Units[3].ID+`": track "phys-t9" does not exist`)
}
