package api_test

import "memora/internal/srsfit"

// The matrix cases of the fitted SRS parameters (srs_params.go): about a season of the
// institution named (an admin of another institution finds it unknown: 404).
func init() {
	params := func(extra map[string]any) func(*fixture, string) map[string]any {
		return func(f *fixture, inst string) map[string]any {
			p := map[string]any{"institution": inst, "season": f.season()}
			for k, v := range extra {
				p[k] = v
			}
			return p
		}
	}
	addCases(map[string]matrixCase{
		"srs.get_parameter_versions": {params: params(nil)},
		"srs.pin_parameter_version":  {params: params(map[string]any{"version": 0})},
		"srs.reset_parameters":       {params: params(nil)},
		"srs.fit_parameters_now":     {params: params(nil)},
	})
}

// The answers of the parameter operations (the OpenAPI document's response schemas).
func init() {
	answers["srs.get_parameter_versions"] = srsfit.Versions{}
	answers["srs.pin_parameter_version"] = srsfit.Versions{}
	answers["srs.reset_parameters"] = srsfit.Versions{}
	answers["srs.fit_parameters_now"] = srsfit.FitNowResult{}
}
