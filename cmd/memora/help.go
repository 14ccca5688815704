package main

import (
	"fmt"
	"io"
	"strings"
)

// commandUsage is the help of every command and sub-command, by its path. `--help`, `-h` or
// `help` anywhere in a command line prints the usage of the longest path it names and does
// nothing else: no configuration is read, no database opened, no migration run.
var commandUsage = map[string]string{
	"serve": `memora serve [--demo]

Runs the HTTP server (API, web app, health, metrics) and, unless MEMORA_WORKER=false, the
background worker. Applies pending migrations first.
  --demo   load the demo institution into an empty database first (demo accounts can sign in)`,
	"worker": `memora worker

Runs only the background worker (no HTTP) until SIGTERM; serve then runs with MEMORA_WORKER=false.`,
	"migrate": `memora migrate

Applies the database migrations (Memora's and River's) and exits.`,
	"demo": `memora demo

Loads the demo institution into the configured database and gives the demo accounts the demo
password. Use it only on a database made for trying Memora.`,
	"import": `memora import FILE

Loads an import file: academic structure, content, store, users, player history (docs/import.md).`,
	"backup": `memora backup FILE

Writes an online copy of the SQLite database to FILE (a new file) while Memora may keep running;
the database is not migrated. On PostgreSQL it prints the pg_dump procedure (docs/deploy.md).`,
	"restore": `memora restore [--force] FILE

Replaces the SQLite database with the backup FILE. Stop Memora first; --force is needed when the
database exists. On PostgreSQL it prints the pg_restore procedure (docs/deploy.md).`,
	"version": `memora version

Prints the version, the commit and the Go version the binary was built with.`,
	"user":                  userUsage,
	"user create":           "memora user create --email E --institution I [--name N] [--role R ...] [--password-stdin]\n\nCreates an account (the first institution too, on an empty database).",
	"user role":             "memora user role --email E (--add R | --remove R)\n\nGrants or revokes one role.",
	"user password":         "memora user password --email E\n\nSets the password of an account, read from stdin.",
	"user apikey":           "memora user apikey --email E [--label L]\n\nCreates an API key; the key and secret are printed once.",
	"user joincode":         "memora user joincode create|list|disable ...\n\nJoin codes students sign up to an institution with.",
	"user joincode create":  "memora user joincode create --institution I [--code C] [--max-uses N] [--expires 720h]",
	"user joincode list":    "memora user joincode list --institution I",
	"user joincode disable": "memora user joincode disable --code C",
	"user export":           "memora user export EMAIL [--out FILE]\n\nWrites everything Memora holds about the user as one JSON document (to stdout, or to FILE: a new file readable by its owner only).",
	"user erase":            "memora user erase EMAIL [--yes]\n\nErases the user and all their data (audit entries stay, anonymised; their sessions end on every instance; Redis forgets them).\nWithout --yes it only says what would be erased, and changes nothing.",
	"srs": `memora srs eval|optimize|simulate|forecast --log FILE

Scheduler tools (docs/srs.md).`,
	"srs eval":         "memora srs eval --log FILE\n\nScores the schedulers on a review log (CSV: card_id,review_rating,review_time,review_duration).",
	"srs optimize":     "memora srs optimize --log FILE [--seed N] [--epochs N] [--gamma G] [--rollover H]\n\nFits FSRS-6 parameters to a review log.",
	"srs simulate":     "memora srs simulate [--students N] [--items N] [--days N] [--seed N] [--workers N] [--exam-day D] [--exam-target R] [--retentions LIST] [--svg FILE]\n\nSimulates students under each scheduler.",
	"srs forecast":     "memora srs forecast --log FILE [--students N] [--items N] [--days N] [--new-per-day N] [--retention R] [--weights LIST]\n\nForecasts the daily review minutes per student at a desired retention and at ±0.05.",
	"loadgen":          loadgenUsage,
	"loadgen populate": loadgenUsage,
	"loadgen run":      loadgenUsage,
	"loadgen floor":    loadgenUsage,
}

// helpRequest reports whether args ask for help, and the usage to print.
func helpRequest(args []string) (string, bool) {
	asked := false
	var words []string
	for i, a := range args {
		if a == "--" {
			break
		}
		switch {
		case a == "-h" || a == "-help" || a == "--help" || (i == 0 && a == "help"):
			asked = true
		case !strings.HasPrefix(a, "-"):
			words = append(words, a)
		}
	}
	if !asked {
		return "", false
	}
	// The longest leading run of words that names a command; flag values further on do not.
	best := usage
	for n := 1; n <= len(words); n++ {
		text, ok := commandUsage[strings.Join(words[:n], " ")]
		if !ok {
			break
		}
		best = text
	}
	return best, true
}

func printHelp(w io.Writer, text string) {
	fmt.Fprintln(w, strings.TrimRight(text, "\n"))
}
