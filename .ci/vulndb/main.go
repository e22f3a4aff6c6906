// Command vulndb builds a Go vulnerability database in the v1 layout that
// govulncheck's -db file:///DIR reads (index/db.json, index/modules.json,
// index/vulns.json, ID/GO-YYYY-NNNN.json) from the OSV files of the
// golang.org/x/vulndb module (its data/osv directory), for machines that
// reach the Go module proxy but not vuln.go.dev. CI only: it is not part
// of the gongkai binary.
//
//	go run ./.ci/vulndb -osv $(go mod download -json golang.org/x/vulndb@latest | jq -r .Dir)/data/osv -out DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// entry is the part of an OSV file the index needs.
type entry struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Aliases  []string  `json:"aliases"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
}

type moduleVuln struct {
	ID       string `json:"id"`
	Modified string `json:"modified"`
}

type module struct {
	Path  string       `json:"path"`
	Vulns []moduleVuln `json:"vulns"`
}

type vuln struct {
	ID       string   `json:"id"`
	Modified string   `json:"modified"`
	Aliases  []string `json:"aliases,omitempty"`
}

func main() {
	osvDir := flag.String("osv", "", "directory of OSV JSON files (golang.org/x/vulndb's data/osv)")
	out := flag.String("out", "", "directory to write the database to")
	flag.Parse()
	if *osvDir == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: vulndb -osv DIR -out DIR")
		os.Exit(2)
	}
	n, err := build(*osvDir, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vulndb:", err)
		os.Exit(1)
	}
	fmt.Printf("vulndb: %d entries indexed into %s\n", n, *out)
}

// build indexes every GO-*.json file of osvDir into out and returns how
// many entries it wrote. The modules index carries no "fixed" version
// (optional in the v1 schema): govulncheck then reads the entries
// themselves, which a local directory makes cheap.
func build(osvDir, out string) (int, error) {
	files, err := filepath.Glob(filepath.Join(osvDir, "GO-*.json"))
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("no GO-*.json files in %s", osvDir)
	}
	for _, d := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return 0, err
		}
	}
	mods := map[string]*module{}
	var vulns []vuln
	var latest time.Time
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		var e entry
		if err := json.Unmarshal(b, &e); err != nil {
			return 0, fmt.Errorf("%s: %w", f, err)
		}
		if e.ID == "" || e.ID+".json" != filepath.Base(f) {
			return 0, fmt.Errorf("%s: id %q does not match the file name", f, e.ID)
		}
		if e.Modified.After(latest) {
			latest = e.Modified
		}
		mod := e.Modified.UTC().Format(time.RFC3339)
		vulns = append(vulns, vuln{ID: e.ID, Modified: mod, Aliases: e.Aliases})
		seen := map[string]bool{}
		for _, a := range e.Affected {
			p := a.Package.Name
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			if mods[p] == nil {
				mods[p] = &module{Path: p}
			}
			mods[p].Vulns = append(mods[p].Vulns, moduleVuln{ID: e.ID, Modified: mod})
		}
		if err := os.WriteFile(filepath.Join(out, "ID", e.ID+".json"), b, 0o644); err != nil {
			return 0, err
		}
	}
	var list []*module
	for _, m := range mods {
		list = append(list, m)
	}
	slices.SortFunc(list, func(a, b *module) int { return strings.Compare(a.Path, b.Path) })
	if latest.IsZero() {
		// The module's data carries zero times; any fixed time will do,
		// govulncheck only shows it.
		latest = time.Now()
	}
	for name, v := range map[string]any{
		"db.json":      map[string]string{"modified": latest.UTC().Format(time.RFC3339)},
		"modules.json": list,
		"vulns.json":   vulns,
	} {
		b, err := json.Marshal(v)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(out, "index", name), b, 0o644); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}
