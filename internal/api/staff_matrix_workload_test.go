package api_test

import "memora/internal/season"

// The matrix case of the workload forecast (srs_workload.go): about a season's students of
// the institution named (an admin of another institution is refused).
func init() {
	addCases(map[string]matrixCase{
		"srs.get_workload_forecast": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"season_name": f.season(), "institution": inst, "days": 5}
		}},
	})
	answers["srs.get_workload_forecast"] = season.WorkloadForecast{}
}
