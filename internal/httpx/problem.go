package httpx

import (
	"net/http"

	"memora/internal/problem"
)

var problemStatus = map[problem.Kind]int{
	problem.Invalid:         http.StatusBadRequest,
	problem.NotFound:        http.StatusNotFound,
	problem.Forbidden:       http.StatusForbidden,
	problem.Conflict:        http.StatusConflict,
	problem.RateLimited:     http.StatusTooManyRequests,
	problem.Unavailable:     http.StatusServiceUnavailable,
	problem.Unauthenticated: http.StatusUnauthorized,
}

// ProblemStatus is the HTTP status of a kind of problem: the one place where domain problems
// become status codes, for the API and the pages alike.
func ProblemStatus(k problem.Kind) int {
	if s, ok := problemStatus[k]; ok {
		return s
	}
	return http.StatusInternalServerError
}
