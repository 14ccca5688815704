package main

import (
	"testing"
	"time"

	"memora/internal/loadgen"
)

func TestParseRunFlags(t *testing.T) {
	opt, cli, err := parseRunFlags([]string{"--url", "http://x:1", "--students", "50", "--population", "500",
		"--rate", "200", "--arrivals", "uniform", "--duration", "3s", "--mix", "review=2,submit=1", "--with-floor"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if opt.URL != "http://x:1" || opt.Students != 50 || opt.Population != 500 || opt.Rate != 200 || opt.Poisson ||
		opt.Duration != 3*time.Second || opt.Mix.String() != "review=2,submit=1" || !cli.withFloor {
		t.Fatalf("parsed %+v %+v", opt, cli)
	}
	opt, _, err = parseRunFlags([]string{"--students", "7"}, true)
	if err != nil || opt.Population != 7 || !opt.Poisson || opt.Concurrency != 16 {
		t.Fatalf("defaults: %+v %v", opt, err)
	}
	opt, _, err = parseRunFlags([]string{"--accounts", "layla@demo.memora.test, omar@demo.memora.test",
		"--password", "memora-demo", "--mix", "pages"}, false)
	if err != nil || opt.Students != 2 || opt.Population != 2 || len(opt.Accounts) != 2 ||
		opt.Accounts[1] != "omar@demo.memora.test" || opt.Password != "memora-demo" || !opt.Mix.Has(loadgen.ActPageStore) {
		t.Fatalf("accounts: %+v %v", opt, err)
	}
	opt, _, err = parseRunFlags([]string{"--accounts", "layla@demo.memora.test", "--password", "p", "--students", "4"}, false)
	if err != nil || opt.Students != 4 {
		t.Fatalf("accounts shared by --students: %+v %v", opt, err)
	}
	_, cli, err = parseRunFlags([]string{"--with-floor", "--rounds", "3"}, false)
	if err != nil || cli.rounds != 3 {
		t.Fatalf("rounds: %+v %v", cli, err)
	}
	if _, _, err := parseRunFlags([]string{"--rounds", "2"}, true); err == nil {
		t.Error("the floor alone accepted --rounds 2")
	}
	for _, bad := range [][]string{{"--arrivals", "bursty"}, {"--mix", "dance=1"}, {"--concurrency", "x"},
		{"--accounts", "a@x.test"}, {"--password", "p"}, {"--accounts", "a@x.test", "--password", "p", "--with-floor"},
		{"--rounds", "2"}, {"--with-floor", "--rounds", "0"}} {
		if _, _, err := parseRunFlags(bad, false); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
