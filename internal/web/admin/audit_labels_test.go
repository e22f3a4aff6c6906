package admin

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// emittedAuditCodes scans the module's Go code (tests left out) for the
// audit actions it records: the first argument of every audit.Actor
// Event(action, objectType, id, result, detail) call, followed through
// the functions that pass a parameter on as that action (deny, refuse,
// fail …). It returns the exact codes, the prefixes of codes built at run
// time ("request." + action) and the places it could not resolve.
func emittedAuditCodes(t *testing.T, root string) (codes, prefixes map[string]string, unresolved []string) {
	t.Helper()
	fset := token.NewFileSet()
	type fileInfo struct {
		pkg  string
		file *ast.File
	}
	var files []fileInfo
	consts := map[string]string{} // package name + "." + const name → value
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		files = append(files, fileInfo{f.Name.Name, f})
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[f.Name.Name+"."+n.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	codes, prefixes = map[string]string{}, map[string]string{}
	// wrappers: package and function name → index of the parameter passed
	// on as the action. catalog's denyLater keeps it in a struct for
	// finishDeny, which the scan does not follow.
	wrappers := map[string]int{"catalog.denyLater": 1}
	pkgs := map[string]bool{}
	for _, fi := range files {
		pkgs[fi.pkg] = true
	}
	type site struct {
		pkg  string
		fn   *ast.FuncDecl
		arg  ast.Expr
		pos  token.Pos
		name string // the callee, for wrappers
	}
	// resolve records what expression e (in function fn of package pkg)
	// names as an action; a parameter of fn makes fn a wrapper.
	var resolve func(pkg string, fn *ast.FuncDecl, e ast.Expr, pos token.Pos) bool
	resolve = func(pkg string, fn *ast.FuncDecl, e ast.Expr, pos token.Pos) bool {
		where := fset.Position(pos).String()
		switch x := e.(type) {
		case *ast.BasicLit:
			s, _ := strconv.Unquote(x.Value)
			codes[s] = where
			return true
		case *ast.BinaryExpr:
			if lit, ok := x.X.(*ast.BasicLit); ok && x.Op == token.ADD {
				s, _ := strconv.Unquote(lit.Value)
				prefixes[s] = where
				return true
			}
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok {
				if v, ok := consts[id.Name+"."+x.Sel.Name]; ok {
					codes[v] = where
					return true
				}
				if !pkgs[id.Name] {
					// A field (d.action): set from a wrapper's parameter.
					return true
				}
			}
		case *ast.Ident:
			if v, ok := consts[pkg+"."+x.Name]; ok {
				codes[v] = where
				return true
			}
			if fn == nil {
				break
			}
			i := 0
			for _, f := range fn.Type.Params.List {
				for _, n := range f.Names {
					if n.Name == x.Name {
						if _, ok := wrappers[pkg+"."+fn.Name.Name]; !ok {
							wrappers[pkg+"."+fn.Name.Name] = i
						}
						return true
					}
					i++
				}
			}
			// A local variable assigned once from a literal or a prefix.
			found := false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || found {
					return !found
				}
				for j, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && j < len(as.Rhs) {
						found = resolve(pkg, nil, as.Rhs[j], pos)
					}
				}
				return !found
			})
			return found
		}
		unresolved = append(unresolved, where)
		return false
	}
	var calls []site
	for _, fi := range files {
		for _, decl := range fi.file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				// The callee, qualified by its package: pkg.F for
				// another package's function, the file's own for
				// methods and local functions.
				name, callee := "", fi.pkg
				switch f := c.Fun.(type) {
				case *ast.SelectorExpr:
					name = f.Sel.Name
					if id, ok := f.X.(*ast.Ident); ok && pkgs[id.Name] {
						callee = id.Name
					}
				case *ast.Ident:
					name = f.Name
				}
				if name == "Event" && len(c.Args) == 5 {
					resolve(fi.pkg, fn, c.Args[0], c.Pos())
				} else if name != "" {
					calls = append(calls, site{pkg: fi.pkg, fn: fn, pos: c.Pos(), name: callee + "." + name, arg: c})
				}
				return true
			})
		}
	}
	// Follow the wrappers until no new one appears.
	for seen := -1; seen != len(wrappers); {
		seen = len(wrappers)
		for _, c := range calls {
			i, ok := wrappers[c.name]
			call := c.arg.(*ast.CallExpr)
			if !ok || i >= len(call.Args) || c.pkg+"."+c.fn.Name.Name == c.name {
				continue
			}
			resolve(c.pkg, c.fn, call.Args[i], c.pos)
		}
	}
	slices.Sort(unresolved)
	return codes, prefixes, slices.Compact(unresolved)
}

// TestAuditLabels: every audit action the code base records has a Chinese
// and an English label on the audit page, exactly or by its prefix.
func TestAuditLabels(t *testing.T) {
	codes, prefixes, unresolved := emittedAuditCodes(t, "../..")
	if len(codes) < 40 {
		t.Fatalf("found only %d audit codes: the scan is broken", len(codes))
	}
	for _, u := range unresolved {
		t.Errorf("%s: an audit action the scan cannot follow; record a literal, a constant or a \"prefix.\" + value", u)
	}
	for code, where := range codes {
		for _, en := range []bool{false, true} {
			if l := auditLabel(code, en); l == code || l == "" {
				t.Errorf("%s: audit action %q has no label (en=%v)", where, code, en)
			}
		}
	}
	for p, where := range prefixes {
		if _, ok := auditFamily(p); !ok {
			t.Errorf("%s: audit actions %q… have no label", where, p)
		}
	}
	t.Logf("%d codes, %d prefixes", len(codes), len(prefixes))
}
