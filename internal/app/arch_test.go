package app

import (
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/gongkai/gongkai/"

// An archRule forbids packages matching from to reach imports matching
// forbid, directly or through other packages of this module.
type archRule struct {
	name   string
	from   func(pkg string) bool
	forbid func(imp string) bool
	direct bool // only pkg's own imports count, not those it reaches
}

func under(prefixes ...string) func(string) bool {
	return func(p string) bool {
		for _, pre := range prefixes {
			if p == pre || strings.HasPrefix(p, pre+"/") {
				return true
			}
		}
		return false
	}
}

func oneOf(names ...string) func(string) bool {
	return func(p string) bool { return slices.Contains(names, p) }
}

func not(f func(string) bool) func(string) bool { return func(p string) bool { return !f(p) } }

func and(fs ...func(string) bool) func(string) bool {
	return func(p string) bool {
		for _, f := range fs {
			if !f(p) {
				return false
			}
		}
		return true
	}
}

// Packages are named relative to the module ("internal/web").
var (
	// mailer is an adapter: it speaks SMTP and runs a logged background
	// worker, as sqlstore speaks SQL.
	adapters = under("internal/sqlstore", "internal/web", "internal/cli", "internal/app", "internal/mailer", "cmd")
	leaves   = oneOf("internal/apperr", "internal/config", "internal/calendar", "internal/ooxml", "internal/textenc", "internal/idcheck", "internal/pdftext", "internal/hanfold")
	internal = under("internal")
)

// archRules are STYLE.md's import direction: leaf ← domain ← adapters
// (sqlstore, web, cli) ← app ← cmd. Every package that is not an adapter
// is domain, so a new domain package is checked without a new rule.
var archRules = []archRule{
	{"domain packages use no database, HTTP or HTML templates", and(internal, not(adapters)),
		oneOf("database/sql", "net/http", "html/template"), false},
	{"domain packages do not know the adapters", and(internal, not(adapters)), adapters, false},
	// STYLE.md: domain packages don't log and take their settings as
	// arguments; logging and the one Config belong to the wiring.
	{"domain packages neither log nor read the configuration", and(internal, not(adapters), not(oneOf("internal/config"))),
		oneOf("log", "log/slog", "internal/config"), false},
	// golden is a test helper; go list -deps sees no test imports, so
	// any importer here is production code.
	{"only tests use the golden-file helper", not(oneOf("internal/golden")), oneOf("internal/golden"), true},
	// STYLE.md: ooxml owns the Office formats; excelize stays behind it.
	{"only ooxml uses excelize", not(oneOf("internal/ooxml")), under("github.com/xuri/excelize/v2"), true},
	{"leaf packages import no other package of ours but apperr", leaves, and(internal, not(oneOf("internal/apperr"))), false},
	{"web never touches the store or the database", under("internal/web"),
		or(under("internal/sqlstore", "internal/cli", "internal/app"), oneOf("database/sql")), false},
	{"the store knows no HTTP, CLI or wiring", under("internal/sqlstore"),
		or(under("internal/web", "internal/cli", "internal/app"), oneOf("net/http")), false},
	{"only cli and cmd import app", not(under("internal/cli", "cmd", "internal/app")), under("internal/app"), true},
	// The back office is a shell (web/backoffice) with three sections on
	// it, the 三员 pages (web/admin), the business staff's (web/office) and
	// the supervising office's (web/supervise): each section imports the
	// shell, the shell no section, and the sections not each other.
	{"the back-office shell imports neither section", under("internal/web/backoffice"),
		under("internal/web/admin", "internal/web/office", "internal/web/supervise"), false},
	{"the 三员 pages do not import the business pages", under("internal/web/admin"), under("internal/web/office", "internal/web/supervise"), false},
	{"the business pages do not import the 三员 pages", under("internal/web/office"), under("internal/web/admin", "internal/web/supervise"), false},
	{"the supervisor's pages import neither other section", under("internal/web/supervise"), under("internal/web/admin", "internal/web/office"), false},
	{"only app imports the web layer", not(under("internal/app", "internal/web")), under("internal/web"), true},
}

func or(fs ...func(string) bool) func(string) bool {
	return func(p string) bool {
		for _, f := range fs {
			if f(p) {
				return true
			}
		}
		return false
	}
}

// archExceptions are deliberate, reviewed exceptions: package → import.
var archExceptions = map[string][]string{
	// report/corpus renders its review of a published report as an HTML
	// page with html/template; it does no I/O beyond its arguments.
	"internal/report/corpus": {"html/template"},
}

// violations checks graph (package → direct imports, both module-relative
// for our packages) against rules and returns one line per broken rule.
func violations(graph map[string][]string, rules []archRule, exceptions map[string][]string) []string {
	var out []string
	for pkg := range graph {
		// Every package of ours reachable from pkg, with pkg itself.
		seen := map[string]bool{pkg: true}
		queue := []string{pkg}
		for len(queue) > 0 {
			q := queue[0]
			queue = queue[1:]
			for _, imp := range graph[q] {
				if _, ours := graph[imp]; ours && !seen[imp] {
					seen[imp] = true
					queue = append(queue, imp)
				}
			}
		}
		for _, r := range rules {
			if !r.from(pkg) {
				continue
			}
			for q := range seen {
				if r.direct && q != pkg {
					continue
				}
				for _, imp := range graph[q] {
					if !r.forbid(imp) || slices.Contains(exceptions[q], imp) {
						continue
					}
					via := ""
					if q != pkg {
						via = " (via " + q + ")"
					}
					out = append(out, r.name+": "+pkg+" imports "+imp+via)
				}
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// importGraph runs `go list -deps` over the module and returns our
// packages with their direct imports, module prefix removed.
func importGraph(t *testing.T) map[string][]string {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	graph := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], module) {
			continue
		}
		var imps []string
		for _, imp := range f[1:] {
			imps = append(imps, strings.TrimPrefix(imp, module))
		}
		graph[strings.TrimPrefix(f[0], module)] = imps
	}
	return graph
}

// TestArchitecture fails when an import breaks the layering of STYLE.md.
func TestArchitecture(t *testing.T) {
	graph := importGraph(t)
	for _, must := range []string{"internal/web", "internal/sqlstore", "internal/agency", "internal/app"} {
		if _, ok := graph[must]; !ok {
			t.Fatalf("go list did not report %s; got %d packages", must, len(graph))
		}
	}
	for _, v := range violations(graph, archRules, archExceptions) {
		t.Error(v)
	}
}

// TestArchitectureRulesCatch checks the checker on a made-up graph with
// one breach of each kind.
func TestArchitectureRulesCatch(t *testing.T) {
	graph := map[string][]string{
		"internal/apperr":         {"errors"},
		"internal/calendar":       {"internal/agency"},                               // leaf imports domain
		"internal/agency":         {"internal/helper"},                               // reaches database/sql through helper
		"internal/helper":         {"database/sql"},                                  // domain imports database/sql
		"internal/request":        {"internal/sqlstore"},                             // domain imports the store
		"internal/sqlstore":       {"database/sql"},                                  // fine
		"internal/web":            {"net/http"},                                      // fine
		"internal/web/admin":      {"internal/sqlstore"},                             // web imports the store
		"internal/report/render":  {"internal/web/portal"},                           // domain imports web
		"internal/web/portal":     {"internal/app"},                                  // web imports app
		"internal/web/backoffice": {"internal/web/office"},                           // the shell imports a section
		"internal/web/office":     {"internal/web/backoffice", "internal/web/admin"}, // a section imports the other
		"internal/app":            {"internal/web", "internal/sqlstore"},             // fine
		"internal/cli":            {"internal/app", "internal/web"},                  // cli imports web directly
		"internal/annual":         {"log/slog"},                                      // domain logs
		"internal/letter":         {"internal/config"},                               // domain reads the configuration
		"internal/account":        {"log", "internal/golden"},                        // domain logs, golden in production
		"internal/mailer":         {"log/slog"},                                      // fine: an adapter
		"internal/golden":         {"flag", "testing"},                               // fine
		"internal/ledger":         {"github.com/xuri/excelize/v2"},                   // excelize outside ooxml
		"internal/ooxml":          {"github.com/xuri/excelize/v2"},                   // fine
	}
	got := strings.Join(violations(graph, archRules, nil), "\n")
	for _, want := range []string{
		"internal/calendar imports internal/agency",
		"internal/agency imports database/sql (via internal/helper)",
		"internal/request imports internal/sqlstore",
		"internal/web/admin imports internal/sqlstore",
		"internal/report/render imports internal/web/portal",
		"internal/web/portal imports internal/app",
		"internal/cli imports internal/web",
		"internal/annual imports log/slog",
		"internal/letter imports internal/config",
		"internal/account imports log",
		"internal/account imports internal/golden",
		"internal/ledger imports github.com/xuri/excelize/v2",
		"the back-office shell imports neither section: internal/web/backoffice imports internal/web/office",
		"the business pages do not import the 三员 pages: internal/web/office imports internal/web/admin",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("violations lack %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "internal/app imports") || strings.Contains(got, "internal/sqlstore imports database/sql") ||
		strings.Contains(got, "internal/mailer imports") || strings.Contains(got, "internal/golden imports") ||
		strings.Contains(got, "internal/ooxml imports") {
		t.Errorf("allowed imports reported:\n%s", got)
	}
}
