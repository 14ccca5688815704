// Package trials runs Memora the way an attacker and an operator would: a real `memora serve
// --demo` process, on SQLite and on PostgreSQL with Redis, driven over HTTP from outside.
//
// The abuse trial (abuse_test.go) farms review XP by resubmitting cards under new session ids,
// sends NUL bytes and invalid UTF-8 in every string parameter of every operation of the API
// document, out-of-range quiz options, a burst of concurrent logins from one address, idle
// and slow connections, and seeded random requests. The fault trial (fault_test.go) keeps
// review submissions going while the app is SIGKILLed, Redis is killed or frozen, and
// PostgreSQL is restarted or stopped, then checks every acknowledged submission is stored.
// Redis and PostgreSQL are processes the trial starts itself (redistest.StartServer and
// pgtest.StartPrimary), never shared servers.
//
// The package has only tests. By default they are CI-sized and log their counts with
// t.Logf (go test -v); MEMORA_TRIALS=full runs the full-size trials whose figures are in
// docs/hardening.md, with the commands that produced them.
package trials
