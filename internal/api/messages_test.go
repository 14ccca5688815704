package api_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"memora/internal/i18n"
)

// messageArg is, for each constructor of a client-facing error, the index of its message.
var messageArg = map[string]map[string]int{
	"problem": {"New": 1, "Newf": 1, "InvalidMsg": 0, "NotFoundMsg": 0, "ForbiddenMsg": 0,
		"ConflictMsg": 0, "Invalidf": 0, "Limited": 0, "Limitedf": 1},
	"httpx": {"New": 1, "Newf": 1, "Validation": 0, "Validationf": 0, "Auth": 0, "Permission": 0,
		"NotFound": 0, "Conflict": 0, "RateLimited": 0, "Unavailable": 0},
}

// builtMessages are the messages not passed to a constructor as one constant: the HTTP layer's
// defaults and the decoder errors it composes from a prefix and a detail.
func builtMessages() []string {
	keys := []string{"Internal server error", "Service temporarily unavailable",
		"The request took too long; please try again"}
	for _, prefix := range []string{"Malformed JSON body: ", "Invalid JSON in {name}: "} {
		for _, detail := range []string{"invalid JSON", "syntax error at byte {offset}",
			"field {field} must not be a JSON {type}", "unexpected JSON {type}", "unexpected end of input"} {
			keys = append(keys, prefix+detail)
		}
	}
	return keys
}

// composers are the functions allowed to pass a non-constant message: the constructors
// themselves and the composers whose messages builtMessages lists.
var composers = map[string]bool{
	"problem.Newf": true, "problem.Invalidf": true, "problem.Limitedf": true, "problem.InvalidMsg": true,
	"problem.NotFoundMsg": true, "problem.ForbiddenMsg": true, "problem.ConflictMsg": true,
	"httpx.Validation": true, "httpx.Validationf": true, "httpx.Auth": true, "httpx.Permission": true,
	"httpx.NotFound": true, "httpx.Conflict": true, "httpx.RateLimited": true, "httpx.Unavailable": true,
	"httpx.Newf": true, "httpx.jsonError": true, "api.adminOnly": true, "api.allowed": true, "api.mapProblem": true,
	// deleteAcademic picks one of its msg constants by the kind it deletes.
	"authoring.deleteAcademic": true,
}

// TestEveryErrorMessageTheAPICanSendHasAnArabicTranslation walks every call of a problem or
// httpx error constructor in the program: its message must be a constant (a template with
// {name} placeholders for details) and the catalogue must hold it in both languages, with the
// same placeholders.
func TestEveryErrorMessageTheAPICanSendHasAnArabicTranslation(t *testing.T) {
	t.Parallel()
	msgs := i18n.MustLoad()
	found := map[string]string{} // message → where
	for _, k := range builtMessages() {
		found[k] = "httpx"
	}
	for _, dir := range goPackageDirs(t, "../..") {
		scanPackage(t, dir, found)
	}
	if len(found) < 50 {
		t.Fatalf("found only %d messages: is the scan broken?", len(found))
	}
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	for msg, where := range found {
		if !msgs.Has(msg) {
			t.Errorf("%s: %q has no entry in internal/i18n/messages/api.json", where, msg)
			continue
		}
		ar, _ := msgs.Lookup(i18n.Arabic, msg)
		want, got := placeholder.FindAllString(msg, -1), placeholder.FindAllString(ar, -1)
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("%s: the Arabic of %q has placeholders %v, want %v", where, msg, got, want)
		}
	}
	t.Logf("%d client-facing error messages, all translated", len(found))
}

func goPackageDirs(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	for _, top := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && filepath.Base(path) == "web" {
				return filepath.SkipDir // the web app's pages use their own catalogue keys (messages/web.json)
			}
			if d.IsDir() {
				dirs = append(dirs, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dirs
}

// scanPackage records the messages of the constructor calls in one directory's Go files.
func scanPackage(t *testing.T, dir string, found map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string][]*ast.File{} // by package name
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		files[f.Name.Name] = append(files[f.Name.Name], f)
	}
	for pkgName, pkgFiles := range files {
		consts := stringConsts(pkgFiles)
		for name, msg := range consts {
			if strings.HasPrefix(name, "msg") { // messages handed to helpers such as refusing
				found[msg] = dir + ": const " + name
			}
		}
		for _, file := range pkgFiles {
			for _, decl := range file.Decls {
				scanDecl(t, fset, pkgName, decl, consts, found)
			}
		}
	}
}

func scanDecl(t *testing.T, fset *token.FileSet, pkgName string, decl ast.Decl, consts map[string]string, found map[string]string) {
	fn := pkgName + "."
	if fd, ok := decl.(*ast.FuncDecl); ok {
		fn += fd.Name.Name
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		idx, ok := constructorMessage(pkgName, call)
		if !ok || idx >= len(call.Args) {
			return true
		}
		where := fset.Position(call.Pos()).String()
		msg, ok := constant(call.Args[idx], consts)
		switch {
		case ok:
			found[msg] = where
		case !composers[fn]:
			t.Errorf("%s: the message is not a constant, so the catalogue cannot translate it "+
				"(use a template: problem.Newf(kind, \"… {name} …\", \"name\", value))", where)
		}
		return true
	})
}

// constructorMessage says whether call is an error constructor, and where its message is.
func constructorMessage(pkgName string, call *ast.CallExpr) (int, bool) {
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		if !ok {
			return 0, false
		}
		idx, ok := messageArg[x.Name][f.Sel.Name]
		return idx, ok
	case *ast.Ident:
		idx, ok := messageArg[pkgName][f.Name]
		return idx, ok
	}
	return 0, false
}

func stringConsts(files []*ast.File) map[string]string {
	consts := map[string]string{}
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			gd, ok := n.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				return true
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if s, ok := constant(vs.Values[i], consts); ok {
							consts[name.Name] = s
						}
					}
				}
			}
			return true
		})
	}
	return consts
}

// constant is the value of a string literal, a named string constant or a sum of them.
func constant(e ast.Expr, consts map[string]string) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := consts[v.Name]
		return s, ok
	case *ast.ParenExpr:
		return constant(v.X, consts)
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := constant(v.X, consts)
		b, ok2 := constant(v.Y, consts)
		return a + b, ok1 && ok2
	}
	return "", false
}
