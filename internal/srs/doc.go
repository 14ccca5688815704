// Package srs schedules spaced-repetition reviews for Memora.
//
// It holds three things, all pure (no I/O, no mutable package state, every
// value copied on the way in so a Scheduler can be shared by goroutines):
//
//   - FSRS-6, a faithful port of fsrs-rs / py-fsrs 6.3.1: the memory model
//     (stability, difficulty, retrievability) and py-fsrs's Scheduler with
//     minute-level learning steps, checked against py-fsrs golden values.
//   - Memora's product rules on top of the model (docs/srs.md, spec srs.md §2):
//     learner-local days with a rollover hour, binary or speed grading,
//     day-level scheduling only, deterministic fuzz and load balancing.
//   - The original Memora "classic" rules A and B, kept as a per-season option
//     and as a baseline.
//
// Next is the single entry point a season uses; it picks FSRS or classic from
// Settings.
package srs
