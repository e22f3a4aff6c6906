package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	apperrpkg "github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
)

// keyFuncs are the functions that take an apperr message key: the
// package directory (relative to the module) and name, the index of the
// key parameter and the index where the message's arguments start (-1:
// it takes none). A function listed here may pass its key parameter on.
var keyFuncs = map[string][2]int{
	"internal/apperr:New":                  {1, 2},
	"internal/apperr:Wrap":                 {1, 3},
	"internal/apperr:M":                    {0, 1},
	"internal/sqlstore:notFound":           {1, 3},
	"internal/sqlstore:recordLoginFailure": {3, -1},
	"internal/sqlstore:execOne":            {2, -1},
	"internal/letter:invalid":              {1, 2},
	"internal/letter:missing":              {0, -1},
	"internal/annual:refuse":               {6, -1},
	"internal/casework:deny":               {4, 5},
	"internal/idcheck:fail":                {1, 3},
	"internal/request:fault":               {1, 2},
	"internal/request:fieldErr":            {1, 2},
	"internal/request:refuse":              {2, 3},
	"internal/catalog:refuse":              {2, 3},
	"internal/catalog:fieldErr":            {1, 2},
}

// keyPassers are the functions that pass on the key of a domain error
// type (request.Error, request.FieldError, request.ApplicationErrors) or
// choose among literal keys: their apperr calls may take a key that is not
// a literal, whose keys are checked where the domain error is made.
var keyPassers = []string{
	"internal/casework:domainErr", "internal/casework:validate", "internal/request:ReceiptDate",
	"internal/catalog:fieldErrors", "internal/catalog:refusal",
}

// A keyUse is one place code names a message key.
type keyUse struct {
	key   string
	nargs int // -1 when unknown (a spread or a bare apperr.Key)
	pos   string
}

// usedErrorKeys parses every Go file of the module (tests excepted) and
// returns the message keys passed to apperr and the functions of keyFuncs,
// plus the places where a key is not a string literal.
func usedErrorKeys(t *testing.T) (uses []keyUse, bad []string) {
	t.Helper()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	type file struct {
		dir string
		f   *ast.File
	}
	var files []file
	consts := map[string]map[string]string{} // per package directory
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || n == "node_modules" || (strings.HasPrefix(n, ".") && n != "." && n != "..") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		dir := filepath.ToSlash(filepath.Dir(rel))
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, file{dir, f})
		if consts[dir] == nil {
			consts[dir] = map[string]string{}
		}
		maps.Copy(consts[dir], stringConsts(f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, fl := range files {
		dir := fl.dir
		ast.Inspect(fl.f, func(n ast.Node) bool {
			fd, ok := n.(*ast.FuncDecl)
			if ok {
				inspectFunc(fset, dir, fd.Name.Name, fd.Body, consts[dir], &uses, &bad)
				return false
			}
			if vs, ok := n.(*ast.ValueSpec); ok {
				for _, v := range vs.Values {
					inspectFunc(fset, dir, "", v, consts[dir], &uses, &bad)
				}
				return false
			}
			return true
		})
	}
	return uses, bad
}

// stringConsts returns the file's constants that are string literals.
func stringConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, v := range vs.Values {
				if s, ok := stringLit(v); ok && i < len(vs.Names) {
					out[vs.Names[i].Name] = s
				}
			}
		}
	}
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

func inspectFunc(fset *token.FileSet, dir, fn string, body ast.Node, consts map[string]string, uses *[]keyUse, bad *[]string) {
	if body == nil {
		return
	}
	_, inWrapper := keyFuncs[dir+":"+fn]
	inWrapper = inWrapper || slices.Contains(keyPassers, dir+":"+fn)
	ast.Inspect(body, func(n ast.Node) bool {
		pos := func() string { return fset.Position(n.Pos()).String() }
		switch n := n.(type) {
		case *ast.CompositeLit:
			if sel, ok := n.Type.(*ast.SelectorExpr); ok && isIdent(sel.X, "apperr") && (sel.Sel.Name == "Msg" || sel.Sel.Name == "Error") {
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Key") {
						if s, ok := keyOf(kv.Value, consts); ok {
							*uses = append(*uses, keyUse{s, -1, pos()})
						} else if !inWrapper {
							*bad = append(*bad, pos()+": apperr."+sel.Sel.Name+" key is not a string literal")
						}
					}
				}
			}
		case *ast.CallExpr:
			name := ""
			switch f := n.Fun.(type) {
			case *ast.SelectorExpr:
				if isIdent(f.X, "apperr") {
					name = "internal/apperr:" + f.Sel.Name
				} else {
					name = dir + ":" + f.Sel.Name // a method of the package
				}
			case *ast.Ident:
				name = dir + ":" + f.Name
			}
			if name == "internal/apperr:Key" && len(n.Args) == 1 {
				if s, ok := keyOf(n.Args[0], consts); ok {
					*uses = append(*uses, keyUse{s, -1, pos()})
				} else if be, ok := n.Args[0].(*ast.BinaryExpr); ok && be.Op == token.ADD && isLit(be.X) {
					// A key built from a prefix and a code, e.g.
					// "request.state." + string(s): TestErrorKeyPrefixes
					// checks every code has its key.
					s, _ := stringLit(be.X)
					*uses = append(*uses, keyUse{s + "*", -1, pos()})
				} else if !inWrapper {
					*bad = append(*bad, pos()+": apperr.Key of a non-literal")
				}
				return true
			}
			if name == "internal/apperr:M" && len(n.Args) == 1 {
				if be, ok := n.Args[0].(*ast.BinaryExpr); ok && be.Op == token.ADD && isLit(be.X) {
					// A message whose key is built from a prefix and a
					// code, e.g. "catalog.check." + c.ID.
					s, _ := stringLit(be.X)
					*uses = append(*uses, keyUse{s + "*", -1, pos()})
					return true
				}
			}
			kf, ok := keyFuncs[name]
			if !ok || len(n.Args) <= kf[0] {
				return true
			}
			s, ok := keyOf(n.Args[kf[0]], consts)
			if !ok {
				if !inWrapper {
					*bad = append(*bad, pos()+": "+name+" key is not a string literal")
				}
				return true
			}
			nargs := 0
			if kf[1] >= 0 {
				nargs = len(n.Args) - kf[1]
				if n.Ellipsis.IsValid() {
					nargs = -1
				}
			}
			*uses = append(*uses, keyUse{s, nargs, pos()})
		}
		return true
	})
}

func isLit(e ast.Expr) bool {
	_, ok := stringLit(e)
	return ok
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func keyOf(e ast.Expr, consts map[string]string) (string, bool) {
	if s, ok := stringLit(e); ok {
		return s, true
	}
	if id, ok := e.(*ast.Ident); ok {
		s, ok := consts[id.Name]
		return s, ok
	}
	return "", false
}

// verbRE matches one fmt verb, with an optional explicit argument index.
var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// argsOf returns the argument positions (1-based) a format refers to.
func argsOf(format string) []int {
	var out []int
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		if !slices.Contains(out, next) {
			out = append(out, next)
		}
		next++
	}
	slices.Sort(out)
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestErrorKeys checks every message key the code gives an error is in
// web.ErrorMessages in Chinese and English, the two texts take the same
// values as the code passes, the Chinese is Chinese and the English has
// no Chinese in it: no error shown on an English page in Chinese, nor
// the other way round.
func TestErrorKeys(t *testing.T) {
	uses, bad := usedErrorKeys(t)
	for _, b := range bad {
		t.Error(b)
	}
	if len(uses) < 10 {
		t.Fatalf("found %d key uses; the source walk is broken", len(uses))
	}
	for _, u := range uses {
		if u.key == "" || strings.HasSuffix(u.key, "*") {
			continue // the kind's default message; a prefix
		}
		v, ok := web.ErrorMessages[u.key]
		if !ok {
			t.Errorf("%s: error key %q is not in web.ErrorMessages: give the error a dotted key and add it to internal/web/errors_*.go in Chinese and English", u.pos, u.key)
			continue
		}
		zh, en := argsOf(v[0]), argsOf(v[1])
		if !slices.Equal(zh, en) {
			t.Errorf("%s: key %q takes values %v in Chinese but %v in English", u.pos, u.key, zh, en)
		}
		if u.nargs >= 0 && (len(zh) != u.nargs || (u.nargs > 0 && zh[len(zh)-1] != u.nargs)) {
			t.Errorf("%s: key %q is given %d values; its text takes %v", u.pos, u.key, u.nargs, zh)
		}
	}
	for k, v := range web.ErrorMessages {
		if k == "list.sep" || k == "list.or" {
			continue
		}
		if !hasHan(v[0]) {
			t.Errorf("error message %q: the Chinese text %q has no Chinese", k, v[0])
		}
		if hasHan(v[1]) {
			t.Errorf("error message %q: the English text %q has Chinese in it", k, v[1])
		}
	}
}

// TestErrorMessagesFormat checks the translation of an error: the key in
// the language asked for, values put in, keys among them translated.
func TestErrorMessagesFormat(t *testing.T) {
	cat := web.NewCatalog(web.Messages{
		"t.one":  {"第%d项", "item %d"},
		"t.swap": {"%[1]s的%[2]s", "%[2]s of %[1]s"},
		"t.list": {"问题：%s", "problems: %s"},
		"t.a":    {"甲", "A"},
		"t.b":    {"乙%d", "B%d"},
	}, web.ErrorMessages)
	tests := []struct {
		key    string
		args   []any
		zh, en string
	}{
		{"t.one", []any{3}, "第3项", "item 3"},
		{"t.swap", []any{"机关", "名称"}, "机关的名称", "名称 of 机关"},
		{"t.swap", []any{errKey("t.a"), errKey("t.a")}, "甲的甲", "A of A"},
		{"t.list", []any{msgs()}, "问题：甲；乙2", "problems: A; B2"},
		{"kind.not_found", nil, "未找到该记录", "No such record"},
		{"request.wrong_role", []any{errKey("request.action.approve"), []apperrpkg.Key{"request.role.clerk", "request.role.head"}},
			"批准答复须由承办人或负责人办理", "Only the clerk or the head may approve the reply"},
		{"t.missing", []any{1, "x"}, "t.missing[1 x]", "t.missing[1 x]"},
	}
	for _, tt := range tests {
		if got := cat.Format(web.LangZH, tt.key, tt.args...); got != tt.zh {
			t.Errorf("Format(zh, %q) = %q; want %q", tt.key, got, tt.zh)
		}
		if got := cat.Format(web.LangEN, tt.key, tt.args...); got != tt.en {
			t.Errorf("Format(en, %q) = %q; want %q", tt.key, got, tt.en)
		}
	}
}

func errKey(k string) any { return apperrpkg.Key(k) }

func msgs() []apperrpkg.Msg { return []apperrpkg.Msg{apperrpkg.M("t.a"), apperrpkg.M("t.b", 2)} }

// TestErrorKeyPrefixes checks the keys built from a prefix and a code
// exist for every code: the request workflow's states, actions, roles
// and channels, and the catalogue's states, roles, actions, validities and
// checklist, which errors name.
func TestErrorKeyPrefixes(t *testing.T) {
	var keys []apperrpkg.Key
	for _, s := range request.States() {
		keys = append(keys, s.Key())
	}
	for _, a := range request.Actions() {
		keys = append(keys, a.Key())
	}
	for _, r := range request.Roles() {
		keys = append(keys, r.Key())
	}
	for _, c := range request.Channels() {
		keys = append(keys, c.Key())
	}
	for _, o := range request.Outcomes() {
		keys = append(keys, o.ID.Key())
	}
	// The catalogue's states, roles, actions, validities and checks.
	for _, s := range catalog.States() {
		keys = append(keys, s.Key())
	}
	keys = append(keys, catalog.State("").Key())
	for _, r := range catalog.AllRoles() {
		keys = append(keys, r.Key())
	}
	for _, a := range catalog.Actions() {
		keys = append(keys, a.Key())
	}
	for _, v := range []catalog.Validity{catalog.InForce, catalog.Amended, catalog.Expired, catalog.Repealed} {
		keys = append(keys, apperrpkg.Key("catalog.validity."+string(v)))
	}
	for _, m := range (catalog.Answers{}).MissingMsgs() {
		keys = append(keys, apperrpkg.Key(m.Key))
	}
	if len(keys) < 80 {
		t.Fatalf("%d codes; the lists are incomplete", len(keys))
	}
	for _, k := range keys {
		if v, ok := web.ErrorMessages[string(k)]; !ok || v[0] == "" || v[1] == "" {
			t.Errorf("no message %q in both languages", k)
		}
	}
}
