package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Load reads the process environment.
func Load() (Config, error) {
	return Parse(Environ())
}

// Environ is the process environment as a map.
func Environ() map[string]string {
	vars := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	return vars
}

// Parse reads vars only (never the process environment, so tests are
// hermetic), then normalises and validates. All problems are reported at
// once, each naming the variable and its value.
func Parse(vars map[string]string) (Config, error) {
	if vars == nil {
		vars = map[string]string{} // nil would make env fall back to os.Environ
	}
	var c Config
	// env keeps parsing after a bad value, so validation still runs and
	// the operator sees every problem in one attempt.
	parseErrs := explainParse(env.ParseWithOptions(&c, env.Options{Environment: vars}), vars)
	c.normalize()
	errs := append(parseErrs, withoutVars(c.validate(), parseErrs)...)
	if len(errs) > 0 {
		return Config{}, fmt.Errorf("config: %w", errors.Join(errs...))
	}
	return c, nil
}

// VarError is a problem with one variable. Value has secrets redacted.
type VarError struct {
	Name, Value, Problem string
}

func (e *VarError) Error() string {
	return fmt.Sprintf("%s=%q: %s", e.Name, e.Value, e.Problem)
}

// varError names the variable and its value, with secrets hidden.
func varError(name, value, problem string) *VarError {
	return &VarError{Name: name, Value: redact(value), Problem: problem}
}

// withoutVars drops validation errors about variables that already failed
// to parse: their zero value would only add a confusing second message.
func withoutVars(errs, parsed []error) []error {
	failed := map[string]bool{}
	for _, e := range parsed {
		var ve *VarError
		if errors.As(e, &ve) {
			failed[ve.Name] = true
		}
	}
	var out []error
	for _, e := range errs {
		var ve *VarError
		if !errors.As(e, &ve) || !failed[ve.Name] {
			out = append(out, e)
		}
	}
	return out
}

// explainParse rewrites the env library's errors, which name Go fields,
// into ones naming the variable, its value and what was expected.
func explainParse(err error, vars map[string]string) []error {
	if err == nil {
		return nil
	}
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return []error{err}
	}
	out := make([]error, 0, len(agg.Errors))
	for _, e := range agg.Errors {
		var pe env.ParseError
		if !errors.As(e, &pe) {
			out = append(out, e)
			continue
		}
		key := envKey(pe.Name)
		out = append(out, varError(key, vars[key], expectation(pe.Type)))
	}
	return out
}

func envKey(field string) string {
	f, _ := reflect.TypeFor[Config]().FieldByName(field)
	key, _, _ := strings.Cut(f.Tag.Get("env"), ",")
	return key
}

func expectation(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[time.Duration]():
		return "must be a duration such as 200ms, 15s or 1h"
	case t.Kind() == reflect.Bool:
		return "must be true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return "must be an integer"
	}
	return "has the wrong type"
}

func (c *Config) normalize() {
	c.LogLevel = strings.ToLower(strings.TrimSpace(c.LogLevel))
	c.LogFormat = strings.ToLower(strings.TrimSpace(c.LogFormat))
	c.TrustedOrigins = trimList(c.TrustedOrigins)
	c.AlertEmails = trimList(c.AlertEmails)
	c.TrustedProxies = trimList(c.TrustedProxies)
}

// trimList drops blanks so "a, b," means [a b].
func trimList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
