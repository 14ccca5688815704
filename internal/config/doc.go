package config

import (
	"reflect"
	"strings"
)

// Var documents one environment variable.
type Var struct {
	Name    string
	Default string
	Meaning string
}

// Vars lists the variables in declaration order, read from Config's tags so
// the documentation cannot drift from the parser.
func Vars() []Var {
	t := reflect.TypeFor[Config]()
	var out []Var
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("env"), ",")
		if name == "" || name == "-" {
			continue
		}
		out = append(out, Var{Name: name, Default: f.Tag.Get("envDefault"), Meaning: f.Tag.Get("doc")})
	}
	return out
}

// Markdown renders Vars as the README's configuration table.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| Variable | Default | Meaning |\n|---|---|---|\n")
	for _, v := range Vars() {
		def := "—"
		if v.Default != "" {
			def = "`" + v.Default + "`"
		}
		b.WriteString("| `" + v.Name + "` | " + def + " | " + escapeCell(v.Meaning) + " |\n")
	}
	return b.String()
}

func escapeCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
