package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

const userUsage = `memora user create --email E --institution I [--name N] [--role R ...] [--password-stdin]
memora user role --email E (--add R | --remove R)
memora user password --email E   (reads the new password from stdin)
memora user apikey [create] --email E [--label L] [--expires 720h]   (prints key and secret once)
memora user apikey list --email E
memora user apikey revoke --email E --key K
memora user joincode create --institution I [--code C] [--max-uses N] [--expires 720h]
memora user joincode list --institution I
memora user joincode disable --code C
memora user export EMAIL [--out FILE]   (everything Memora holds about the user, as JSON)
memora user erase EMAIL [--yes]   (the user and all their data; without --yes only says what would go)`

type roleList []string

func (r *roleList) String() string     { return strings.Join(*r, ",") }
func (r *roleList) Set(v string) error { *r = append(*r, v); return nil }

func cmdUser(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage:\n%s", userUsage)
	}
	a, err := openApp(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	ids := a.Identity
	switch args[0] {
	case "create":
		return userCreate(ctx, ids, args[1:], stdout)
	case "role":
		return userRole(ctx, ids, args[1:], stdout)
	case "password":
		return userPassword(ctx, ids, args[1:], stdout)
	case "apikey":
		return userAPIKey(ctx, ids, args[1:], stdout)
	case "joincode":
		return userJoinCode(ctx, ids, args[1:], stdout)
	case "export":
		return userExport(ctx, a.Privacy(), ids.Store, args[1:], stdout)
	case "erase":
		return userErase(ctx, a.Privacy(), ids.Store, args[1:], stdout)
	default:
		return fmt.Errorf("unknown user command %q; usage:\n%s", args[0], userUsage)
	}
}

func userCreate(ctx context.Context, ids *identity.Service, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	email := fs.String("email", "", "e-mail address (login name)")
	inst := fs.String("institution", "", "institution id")
	name := fs.String("name", "", "full name")
	pwStdin := fs.Bool("password-stdin", false, "read a password from stdin")
	var roles roleList
	fs.Var(&roles, "role", "role to grant (repeatable): "+strings.Join(identity.Roles, ", "))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" || *inst == "" {
		return errors.New("--email and --institution are required")
	}
	if u, err := ids.Store.UserGetByEmail(ctx, identity.NormalizeEmail(*email)); err == nil {
		return fmt.Errorf("a user with the e-mail address %s already exists (id %d, institution %s): "+
			"change roles with `memora user role`, the password with `memora user password`", u.Email, u.ID, u.InstitutionID)
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("look up %s: %w", *email, err)
	}
	if err := ensureInstitution(ctx, ids.Store, *inst, stdout); err != nil {
		return err
	}
	var pwd string
	if *pwStdin {
		p, err := readLine(os.Stdin)
		if err != nil {
			return err
		}
		pwd = p
	}
	u, err := ids.CreateUser(ctx, identity.NewUser{InstitutionID: *inst, Email: *email, FullName: *name, Roles: roles, Password: pwd})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s (id %d) ready with roles %v\n", u.Email, u.ID, []string(roles))
	return nil
}

// ensureInstitution checks that the institution exists. On a database without any
// institution (the first run) it creates this one, so the first System Manager needs no
// import: the rest is done in the desk.
func ensureInstitution(ctx context.Context, st store.Store, id string, stdout io.Writer) error {
	_, err := st.InstitutionGet(ctx, id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("institution %q: %w", id, err)
	}
	all, err := st.InstitutionList(ctx)
	if err != nil {
		return fmt.Errorf("institutions: %w", err)
	}
	if len(all) > 0 {
		ids := make([]string, len(all))
		for i, in := range all {
			ids[i] = in.ID
		}
		return fmt.Errorf("institution %q does not exist (there are: %s)", id, strings.Join(ids, ", "))
	}
	if !validInstitutionID(id) {
		return fmt.Errorf("institution id %q: use 2 to 64 lower-case letters, digits and dashes", id)
	}
	if err := st.InstitutionUpsert(ctx, store.Institution{ID: id, Name: id, NameEN: id, TimeZone: "UTC"}); err != nil {
		return fmt.Errorf("create institution %q: %w", id, err)
	}
	fmt.Fprintf(stdout, "institution %s created (the first one; time zone UTC)\n", id)
	return nil
}

func validInstitutionID(id string) bool {
	if len(id) < 2 || len(id) > 64 || id[0] == '-' {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func userRole(ctx context.Context, ids *identity.Service, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user role", flag.ContinueOnError)
	email := fs.String("email", "", "user e-mail")
	add := fs.String("add", "", "role to grant")
	remove := fs.String("remove", "", "role to revoke")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*add == "") == (*remove == "") {
		return errors.New("give exactly one of --add or --remove")
	}
	u, err := findUser(ctx, ids.Store, *email)
	if err != nil {
		return err
	}
	role, grant := *add, true
	if *remove != "" {
		role, grant = *remove, false
	}
	held, err := ids.Store.UserRoles(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("roles of %s: %w", u.Email, err)
	}
	if has := slices.Contains(held, role); has == grant {
		fmt.Fprintf(stdout, "%s: %s role %q (nothing changed)\n", u.Email, map[bool]string{true: "already has the", false: "does not have the"}[grant], role)
		return nil
	}
	if err := ids.SetRole(ctx, "cli", u, role, grant); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: role %q %s\n", u.Email, role, map[bool]string{true: "granted", false: "revoked"}[grant])
	return nil
}

func userPassword(ctx context.Context, ids *identity.Service, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user password", flag.ContinueOnError)
	email := fs.String("email", "", "user e-mail")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := findUser(ctx, ids.Store, *email)
	if err != nil {
		return err
	}
	pwd, err := readLine(os.Stdin)
	if err != nil {
		return err
	}
	if err := ids.SetPassword(ctx, u.ID, pwd); err != nil { // the password policy applies
		return err
	}
	fmt.Fprintf(stdout, "password of %s set\n", u.Email)
	return nil
}

// userAPIKey creates (the default), lists or revokes a user's API keys. A key's secret is
// printed once, at creation; a list shows each key's label, creation, expiry and last use.
func userAPIKey(ctx context.Context, ids *identity.Service, args []string, stdout io.Writer) error {
	verb := "create"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		verb, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("user apikey "+verb, flag.ContinueOnError)
	email := fs.String("email", "", "user e-mail")
	label := fs.String("label", "", "what the key is for (create)")
	expires := fs.Duration("expires", 0, "how long the key works, e.g. 720h (create; 0: until revoked)")
	key := fs.String("key", "", "the key to revoke (revoke)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	u, err := ids.Store.UserGetByEmail(ctx, identity.NormalizeEmail(*email))
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no user has the e-mail address %s", *email)
	} else if err != nil {
		return fmt.Errorf("look up %s: %w", *email, err)
	}
	switch verb {
	case "create":
		k, secret, err := ids.CreateAPIKey(ctx, "cli", u, *label, *expires)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "api key: %s\napi secret: %s (shown once: it cannot be listed again)\nuse: Authorization: token %s:%s\n",
			k, secret, k, secret)
		if *expires > 0 {
			fmt.Fprintf(stdout, "expires: %s\n", ids.Clock.Now().Add(*expires).UTC().Format(time.RFC3339))
		}
		return nil
	case "list":
		keys, err := ids.APIKeys(ctx, u.ID)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			fmt.Fprintf(stdout, "%s has no API keys\n", u.Email)
			return nil
		}
		for _, k := range keys {
			fmt.Fprintf(stdout, "%s  label=%q  created=%s  expires=%s  last_used=%s\n", k.Key, k.Label,
				k.CreatedAt.UTC().Format(time.RFC3339), keyTime(k.ExpiresAt, "never", k.Expired), keyTime(k.LastUsedAt, "never", false))
		}
		return nil
	case "revoke":
		if *key == "" {
			return errors.New("--key is required")
		}
		if err := ids.RevokeAPIKey(ctx, "cli", u, *key); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "api key %s of %s revoked\n", *key, u.Email)
		return nil
	}
	return fmt.Errorf("unknown user apikey command %q; usage:\n%s", verb, userUsage)
}

func keyTime(t *time.Time, none string, expired bool) string {
	if t == nil {
		return none
	}
	out := t.UTC().Format(time.RFC3339)
	if expired {
		out += " (expired)"
	}
	return out
}

// userJoinCode manages the codes that let students sign up to an institution.
func userJoinCode(ctx context.Context, ids *identity.Service, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage:\n%s", userUsage)
	}
	fs := flag.NewFlagSet("user joincode "+args[0], flag.ContinueOnError)
	inst := fs.String("institution", "", "institution id")
	code := fs.String("code", "", "the code (4-32 letters or digits; default: 8 random unambiguous characters)")
	maxUses := fs.Int64("max-uses", 0, "how many sign-ups the code allows (0: unlimited)")
	expires := fs.Duration("expires", 0, "how long the code works, e.g. 720h (0: no expiry)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "create":
		if *inst == "" {
			return errors.New("--institution is required")
		}
		c, err := ids.CreateJoinCode(ctx, identity.NewJoinCode{InstitutionID: *inst, Code: *code, MaxUses: *maxUses,
			ExpiresIn: *expires, CreatedBy: "cli"})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "join code %s for institution %s (Student; %s)\n", c.Code, c.InstitutionID, joinCodeLimits(c))
		return nil
	case "list":
		if *inst == "" {
			return errors.New("--institution is required")
		}
		codes, err := ids.ListJoinCodes(ctx, *inst)
		if err != nil {
			return err
		}
		if len(codes) == 0 {
			fmt.Fprintf(stdout, "institution %s has no join codes\n", *inst)
			return nil
		}
		now := ids.Clock.Now()
		for _, c := range codes {
			fmt.Fprintf(stdout, "%-10s %-8s uses %d  %s  created %s by %s\n", c.Code, identity.JoinCodeState(c, now), c.Uses,
				joinCodeLimits(c), c.CreatedAt.UTC().Format(time.DateTime), c.CreatedBy)
		}
		return nil
	case "disable":
		if *code == "" {
			return errors.New("--code is required")
		}
		if err := ids.DisableJoinCode(ctx, "cli", *code); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "join code %s disabled\n", identity.NormalizeJoinCode(*code))
		return nil
	default:
		return fmt.Errorf("unknown joincode command %q; usage:\n%s", args[0], userUsage)
	}
}

// joinCodeLimits says how many uses and how long a code allows.
func joinCodeLimits(c store.JoinCode) string {
	uses := "unlimited uses"
	if c.MaxUses != nil {
		uses = fmt.Sprintf("max %d uses", *c.MaxUses)
	}
	expiry := "no expiry"
	if c.ExpiresAt != nil {
		expiry = "expires " + c.ExpiresAt.UTC().Format(time.DateTime) + " UTC"
	}
	return uses + ", " + expiry
}

// findUser looks an account up by e-mail address, saying plainly when there is none.
func findUser(ctx context.Context, st store.Store, email string) (store.User, error) {
	if email == "" {
		return store.User{}, errors.New("--email is required")
	}
	u, err := st.UserGetByEmail(ctx, identity.NormalizeEmail(email))
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, fmt.Errorf("no user has the e-mail address %s", email)
	}
	if err != nil {
		return store.User{}, fmt.Errorf("look up %s: %w", email, err)
	}
	return u, nil
}

func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
