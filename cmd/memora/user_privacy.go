package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"memora/internal/identity"
	"memora/internal/privacy"
	"memora/internal/store"
)

// cliCaller is the command line as a caller of staff services: whoever runs memora on the
// server may act on every institution.
var cliCaller = identity.Caller{Principal: identity.Principal{Email: "cli", Roles: []string{store.RoleSystemManager}}}

// emailAndFlags parses a command line of one EMAIL and flags, in either order.
func emailAndFlags(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return "", errors.New("the user's e-mail address is required")
	}
	email := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return email, nil
}

// userExport writes everything Memora holds about a user as JSON.
func userExport(ctx context.Context, svc *privacy.Service, st store.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user export", flag.ContinueOnError)
	out := fs.String("out", "", "write to this new file (mode 0600) instead of stdout")
	email, err := emailAndFlags(fs, args)
	if err != nil {
		return err
	}
	u, err := findUser(ctx, st, email)
	if err != nil {
		return err
	}
	doc, err := svc.Export(ctx, cliCaller, u.ID)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	body = append(body, '\n')
	if *out == "" {
		_, err := stdout.Write(body)
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // personal data: never over another file
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := f.Write(body); err != nil {
		f.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "data of user %d written to %s (%d bytes)\n", u.ID, *out, len(body))
	return nil
}

// userErase erases a user and all their data; without --yes it only counts what would go.
func userErase(ctx context.Context, svc *privacy.Service, st store.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user erase", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "erase for real")
	email, err := emailAndFlags(fs, args)
	if err != nil {
		return err
	}
	u, err := findUser(ctx, st, email)
	if err != nil {
		return err
	}
	if !*yes {
		data, err := st.UserData(ctx, u.ID, u.Email)
		if err != nil {
			return fmt.Errorf("erase: %w", err)
		}
		fmt.Fprintf(stdout, "user %d (%s) holds:\n%s", u.ID, u.Email, partCounts(data))
		return errors.New("nothing erased: run again with --yes to erase this user and all their data")
	}
	erased, err := svc.Erase(ctx, cliCaller, u.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %d erased:\n", erased.UserID)
	tables := make([]string, 0, len(erased.Rows))
	for t, n := range erased.Rows {
		if n > 0 {
			tables = append(tables, t)
		}
	}
	sort.Strings(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "  %-30s %d\n", t, erased.Rows[t])
	}
	return nil
}

// partCounts lists how many rows each part of a user's data has.
func partCounts(d store.UserData) string {
	raw, _ := json.Marshal(d)
	var parts map[string][]json.RawMessage
	_ = json.Unmarshal(raw, &parts)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, "  %-24s %d\n", name, len(parts[name]))
	}
	return b.String()
}
