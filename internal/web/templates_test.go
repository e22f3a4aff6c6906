package web_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/admin"
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"github.com/gongkai/gongkai/internal/web/office"
	"github.com/gongkai/gongkai/internal/web/portal"
)

var tCall = regexp.MustCompile(`\.T "([^"]+)"`)

// TestTemplates parses every embedded template of every site and checks
// that each message key a template uses exists in Chinese and English.
func TestTemplates(t *testing.T) {
	sites := []struct {
		name string
		fsys fs.FS
		cat  *web.Catalog
	}{
		{"portal", portal.TemplateFS(), web.NewCatalog(web.CommonMessages, portal.Messages)},
		{"backoffice", backoffice.TemplateFS(), web.NewCatalog(web.CommonMessages, backoffice.Messages)},
		{"admin", admin.TemplateFS(), web.NewCatalog(web.CommonMessages, backoffice.Messages, admin.Messages)},
		{"office/requests", sub(t, office.TemplateFS(), "requests"), web.NewCatalog(web.CommonMessages, backoffice.Messages, office.Messages)},
		{"office/catalog", sub(t, office.TemplateFS(), "catalog"), web.NewCatalog(web.CommonMessages, backoffice.Messages, office.Messages)},
	}
	frame := web.FrameFS()
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			rd, err := web.NewRenderer(s.fsys, nil)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			files, _ := fs.Glob(s.fsys, "*.html")
			files = slices.DeleteFunc(files, func(f string) bool { return strings.HasPrefix(f, "_") }) // partials
			if len(rd.Names()) != len(files)+1 {                                                       // + the shared error page
				t.Errorf("renderer has %d pages; want %d", len(rd.Names()), len(files)+1)
			}
			for _, fsys := range []fs.FS{s.fsys, frame} {
				_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					b, _ := fs.ReadFile(fsys, p)
					for _, m := range tCall.FindAllStringSubmatch(string(b), -1) {
						if !s.cat.Has(m[1]) {
							t.Errorf("%s uses message %q, missing in Chinese or English", p, m[1])
						}
					}
					return nil
				})
			}
		})
	}
}

// sub is the subtree dir of fsys.
func sub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMessagesComplete checks every message has both languages.
func TestMessagesComplete(t *testing.T) {
	for name, m := range map[string]web.Messages{"common": web.CommonMessages, "portal": portal.Messages, "backoffice": backoffice.Messages,
		"admin": admin.Messages, "office": office.Messages, "errors": web.ErrorMessages} {
		for k, v := range m {
			if v[0] == "" || v[1] == "" {
				t.Errorf("%s message %q lacks a language: %q", name, k, v)
			}
		}
	}
}

// dynamicKey matches the message keys that code builds at run time:
// error.<status> (Renderer.Error), role.<code> (role labels), label.<set>.<code>,
// notice.<topic> (account notices) and hazard.<flag> (bombcheck flags).
var dynamicKey = regexp.MustCompile(`^(error\.[0-9]{3}|role\.[a-z]+|label\.[a-z]+\.[a-z0-9_]+|notice\.[a-z_]+|hazard\.[a-z_]+)$`)

// TestMessagesUsed checks every message key is named by some page or
// handler of internal/web: a key defined once and never used is dead.
func TestMessagesUsed(t *testing.T) {
	var src strings.Builder
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.go") ||
			!(strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".html")) {
			return err
		}
		b, err := os.ReadFile(p)
		src.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	all := src.String()
	for name, m := range map[string]web.Messages{"common": web.CommonMessages, "portal": portal.Messages, "backoffice": backoffice.Messages,
		"admin": admin.Messages, "office": office.Messages} {
		for k := range m {
			// One occurrence is the definition itself.
			if !dynamicKey.MatchString(k) && strings.Count(all, `"`+k+`"`) < 2 {
				t.Errorf("%s message %q is used by no page or handler", name, k)
			}
		}
	}
	// Error messages are named by the code that makes the error, anywhere
	// in the module; kind.* are the kinds' defaults.
	uses, _ := usedErrorKeys(t)
	used := map[string]bool{"list.sep": true, "list.or": true}
	var prefixes []string
	for _, u := range uses {
		if p, ok := strings.CutSuffix(u.key, "*"); ok {
			prefixes = append(prefixes, p)
		}
		used[u.key] = true
	}
	for k := range web.ErrorMessages {
		byPrefix := slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(k, p) })
		if !used[k] && !byPrefix && !strings.HasPrefix(k, "kind.") {
			t.Errorf("error message %q is used by no error", k)
		}
	}
}
