package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"memora/internal/app"
	"memora/internal/audit"
	"memora/internal/demo"
	"memora/internal/identity"
	"memora/internal/importer"
)

func cmdImport(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: memora import FILE")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("open %s: %w", args[0], err)
	}
	defer f.Close()
	file, err := importer.Parse(f)
	if err != nil {
		return err
	}
	a, err := openApp(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	sum, err := importer.Apply(ctx, a.Store, file, a.Clock.Now())
	if err != nil {
		return err
	}
	a.Audit.Best(ctx, audit.Entry{ActorEmail: "cli", Action: audit.ContentImported, Target: args[0], Detail: sum})
	fmt.Fprintf(stdout, "imported %s: %s\n", args[0], sum)
	return nil
}

func cmdDemo(ctx context.Context, _ []string, stdout io.Writer) error {
	a, err := openApp(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	return loadDemo(ctx, a, stdout)
}

// loadDemoIfEmpty loads the demo into a database that has no users yet.
func loadDemoIfEmpty(ctx context.Context, a *app.App, stdout io.Writer) error {
	n, err := a.Store.UserCount(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintln(stdout, "The database already has users: demo content not loaded again.")
		printDemoAccounts(stdout)
		return nil
	}
	return loadDemo(ctx, a, stdout)
}

// loadDemo imports the demo institution and gives the demo accounts the demo password: the
// only way any account gets a known password. The accounts are marked demo (store.User.Demo):
// they log in only while the server runs with --demo.
func loadDemo(ctx context.Context, a *app.App, stdout io.Writer) error {
	file, err := demo.Load(a.Clock.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Loading the demo institution…")
	sum, err := importer.Apply(ctx, a.Store, file, a.Clock.Now())
	if err != nil {
		return err
	}
	// One hash for every demo account: argon2id is slow on purpose, and they share the password.
	hash, err := identity.HashPassword(demo.Password)
	if err != nil {
		return err
	}
	for _, acc := range demo.Accounts() {
		u, err := a.Store.UserGetByEmail(ctx, identity.NormalizeEmail(acc.Email))
		if err != nil {
			return fmt.Errorf("demo account %s: %w", acc.Email, err)
		}
		if err := identity.ValidatePassword(demo.Password, u.Email); err != nil {
			return err
		}
		if err := a.Store.UserSetPassword(ctx, u.ID, hash); err != nil {
			return fmt.Errorf("demo account %s: %w", acc.Email, err)
		}
		// Marked: it logs in only while the server runs with --demo.
		if err := a.Store.UserSetDemo(ctx, u.ID, true); err != nil {
			return fmt.Errorf("demo account %s: %w", acc.Email, err)
		}
	}
	fmt.Fprintf(stdout, "Demo loaded: %s\n", sum)
	printDemoAccounts(stdout)
	return nil
}

func printDemoAccounts(w io.Writer) {
	fmt.Fprintf(w, "Demo accounts (password %q; they sign in only while `memora serve --demo` runs):\n", demo.Password)
	for _, acc := range demo.Accounts() {
		if acc.HasProfile && acc.Role == importer.RoleStudent && acc.Institution == "demo-academy" {
			continue
		}
		fmt.Fprintf(w, "  %-28s %s (%s)\n", acc.Email, acc.Role, acc.Institution)
	}
}
