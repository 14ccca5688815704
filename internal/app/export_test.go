package app

import "context"

// SetBeforePrimeStudents makes the background priming of the students call f first (tests
// hold it back with f to see what is served meanwhile).
func (a *App) SetBeforePrimeStudents(f func(context.Context)) { a.beforePrimeStudents = f }
