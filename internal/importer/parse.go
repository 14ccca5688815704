package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
)

// MaxFileSize bounds what Parse reads (256 MiB).
const MaxFileSize = 256 << 20

// Parse reads one import document: the format and version are checked first (so a newer file is refused
// for its version, not for its new fields), then the whole document is decoded strictly (unknown fields
// and trailing data are errors). Parse does not validate references;
// call Validate.
func Parse(r io.Reader) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("import: read: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("import: file is larger than %d bytes", MaxFileSize)
	}
	if err := checkHeader(data); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	f := new(File)
	if err := decodeStrict(data, f); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if err := notePlayerFields(data, f); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return f, nil
}

// notePlayerFields records which fields each player entry wrote, so a partial entry updates
// only those.
func notePlayerFields(data []byte, f *File) error {
	var raw struct {
		Players []map[string]json.RawMessage `json:"players"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	for i := range f.Players {
		if i >= len(raw.Players) {
			break
		}
		f.Players[i].given = make(map[string]bool, len(raw.Players[i]))
		for k := range raw.Players[i] {
			f.Players[i].given[k] = true
		}
	}
	return nil
}

func checkHeader(data []byte) error {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return locate(data, err)
	}
	return checkFormat(head.Format, head.Version)
}

func checkFormat(format string, version int) error {
	if format != FormatName {
		return fmt.Errorf("format is %q, want %q", format, FormatName)
	}
	if version != FormatVersion {
		return fmt.Errorf("version %d is not supported (this build reads version %d)", version, FormatVersion)
	}
	return nil
}

// decodeStrict decodes the document refusing unknown fields; checkHeader has already refused
// anything after it.
func decodeStrict(data []byte, f *File) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(f); err != nil {
		return locate(data, err)
	}
	return nil
}

var unknownField = regexp.MustCompile(`^json: unknown field "(.*)"$`)

// locate adds a line and column to JSON errors, so a hand-edited file can be fixed.
func locate(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("%s: %w", position(data, syntax.Offset-1), err) // Offset counts the bad byte
	case errors.As(err, &typ):
		return fmt.Errorf("%s: %w", position(data, typ.Offset), err)
	}
	// encoding/json does not say where an unknown field is; point at its first occurrence as a key.
	if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
		key := regexp.MustCompile(`"` + regexp.QuoteMeta(m[1]) + `"\s*:`)
		if loc := key.FindIndex(data); loc != nil {
			return fmt.Errorf("%s: %w", position(data, int64(loc[0])), err)
		}
	}
	return err
}

func position(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}
