package importer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseChecksFormatAndVersionFirst(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`{"format":"memora-import","version":2,"future_field":[]}`: `import: version 2 is not supported (this build reads version 1)`,
		`{"format":"frappe-export","version":1}`:                   `import: format is "frappe-export", want "memora-import"`,
		`{"version":1}`:                                            `import: format is "", want "memora-import"`,
	}
	for doc, want := range cases {
		_, err := Parse(strings.NewReader(doc))
		require.EqualError(t, err, want, doc)
	}
}

func TestParseIsStrictAndLocatesErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"{\"format\":\"memora-import\",\"version\":1,\n\"streams\":[{\"id\":\"s\",\"colour\":\"red\"}]}": `import: line 2, column 22: json: unknown field "colour"`,
		"{\"format\":\"memora-import\",\"version\":1,\n\"grades\":[{\"id\":7}]}":                         `import: line 2, column 18: json: cannot unmarshal number into Go struct field Grade.grades.id of type string`,
		"{\"format\":\"memora-import\",\n\"version\":1,,}":                                               `import: line 2, column 13: invalid character ',' looking for beginning of object key string`,
		`{"format":"memora-import","version":1} {}`:                                                      `import: line 1, column 40: invalid character '{' after top-level value`,
	}
	for doc, want := range cases {
		_, err := Parse(strings.NewReader(doc))
		require.EqualError(t, err, want, doc)
	}
}

func TestParseKeepsStageConfigsRaw(t *testing.T) {
	t.Parallel()
	f := minimal(t)
	require.JSONEq(t, `{"question":"كم عدد كواكب المجموعة الشمسية؟","options":["سبعة","ثمانية","تسعة","عشرة"],"correct_index":1,
		"explanation":"منذ عام 2006 تُعدّ المجموعة الشمسية ثمانية كواكب، وصُنّف بلوتو كوكباً قزماً."}`,
		string(f.Lessons[0].Stages[2].Config))
}

func FuzzParse(f *testing.F) {
	f.Add(`{"format":"memora-import","version":1,"streams":[{"id":"s","title":"t"}]}`)
	f.Add(`{"format":"memora-import","version":1,"lessons":[{"id":"l","unit":"u","title":"t","stages":[{"id":"s","title":"t","type":"quiz","config":{}}]}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		file, err := Parse(strings.NewReader(doc))
		if err != nil {
			return
		}
		_ = file.Validate() // must not panic, whatever the references
	})
}
