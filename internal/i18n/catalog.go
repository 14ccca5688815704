package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

//go:embed messages/*.json
var messageFiles embed.FS

// Message is one entry of the catalogue in both languages.
type Message struct {
	EN string `json:"en"`
	AR string `json:"ar"`
}

// Catalog holds every message by key. Keys are dotted names ("home.review_now"); the API's error
// messages use their English text as the key, so a domain package keeps saying what went wrong in
// plain English and the catalogue supplies the Arabic.
type Catalog struct {
	msgs map[string]Message
}

// Load reads the catalogue embedded in the binary: every file of messages/, which must not
// repeat a key and must give each message in both languages.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: map[string]Message{}}
	names, err := fs.Glob(messageFiles, "messages/*.json")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	for _, name := range names {
		b, err := messageFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		var file map[string]Message
		if err := json.Unmarshal(b, &file); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		for k, m := range file {
			if _, dup := c.msgs[k]; dup {
				return nil, fmt.Errorf("i18n: %s: key %q is defined twice", name, k)
			}
			if strings.TrimSpace(m.EN) == "" || strings.TrimSpace(m.AR) == "" {
				return nil, fmt.Errorf("i18n: %s: key %q needs both en and ar", name, k)
			}
			c.msgs[k] = m
		}
	}
	return c, nil
}

// MustLoad is Load for program start and tests: the embedded catalogue is checked by the tests,
// so a failure here is a build defect.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Has reports whether key is in the catalogue.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// Keys lists every key, sorted.
func (c *Catalog) Keys() []string { return slices.Sorted(maps.Keys(c.msgs)) }

// Lookup is the message for key in lang.
func (c *Catalog) Lookup(lang Lang, key string) (string, bool) {
	m, ok := c.msgs[key]
	if !ok {
		return "", false
	}
	if lang == Arabic {
		return m.AR, true
	}
	return m.EN, true
}

// T is the message for key in lang, with {name} placeholders replaced by args given as
// name, value pairs (numbers formatted for lang). A missing key shows as itself, so a page never
// breaks over a forgotten string; the tests make sure none is missing.
func (c *Catalog) T(lang Lang, key string, args ...any) string {
	s, ok := c.Lookup(lang, key)
	if !ok {
		s = key
	}
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", FormatValue(lang, args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Localize is the message under key in lang with its {name} placeholders filled from args, or
// english (already filled) when lang is English or the catalogue has no such key.
func (c *Catalog) Localize(lang Lang, key, english string, args ...any) string {
	if lang == English || c == nil || !c.Has(key) {
		return english
	}
	return c.T(lang, key, args...)
}

// Translate is the Arabic or English form of an English API message: the message itself in
// English or when the catalogue has no translation.
func (c *Catalog) Translate(lang Lang, english string) string {
	if lang == English {
		return english
	}
	if s, ok := c.Lookup(lang, english); ok {
		return s
	}
	return english
}
