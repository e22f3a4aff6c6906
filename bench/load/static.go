package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/search/searchtest"
)

// The -static mode (#12, "the public read path at static-file speed"):
// the portal's anonymous pages against nginx serving the same bytes from
// disk, both measured with wrk at the same concurrency in the same run,
// page by page, taking turns; and, as the ceiling of any Go server here,
// a bare net/http handler serving the same bytes from memory.

// A staticPage is one page of the portal the mode measures.
type staticPage struct {
	name string // what the README table calls it
	path string // with {justice} for 北仑区司法局's id
}

var staticPages = []staticPage{
	{"home", "/"},
	{"catalog (all 专栏)", "/catalog"},
	{"专栏 of an agency", "/catalog/agencies/{justice}"},
	{"column list", "/catalog/agencies/{justice}/items"},
	{"column list, page 3", "/catalog/agencies/{justice}/items?page=3"},
	{"item", "/catalog/items/{item}"},
	{"公开指南", "/catalog/agencies/{justice}/guide"},
	{"reports", "/reports"},
	{"report", "/reports/{justice}/2022"},
	{"feed", "/catalog/feed.atom"},
	{"sitemap", "/sitemap.xml"},
	{"search (repeated query)", "/search?q=%E4%BD%8E%E4%BF%9D"},
}

// StaticConfig are the -static mode's settings.
type StaticConfig struct {
	Connections int
	Threads     int
	Duration    time.Duration
	Items       int
}

// A staticResult is one page measured on one backend.
type staticResult struct {
	backend, page, path string
	bytes               int
	server, nginx, bare wrkResult
}

// startBare serves the files of dir from memory with Go's net/http and
// nothing else (no log, no middleware): the ceiling of a Go server on
// this machine, beside nginx's.
func startBare(dir string) (*http.Server, error) {
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files["/"+e.Name()] = b
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Addr: ln.Addr().String(), Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header()["Content-Type"] = []string{"text/html; charset=utf-8"}
		_, _ = w.Write(b)
	})}
	go func() { _ = srv.Serve(ln) }()
	return srv, nil
}

// runStatic seeds each backend's demo server with generated items, saves
// every page's bytes for nginx, and measures both with wrk.
func runStatic(ctx context.Context, cfg Config, sc StaticConfig, bin, tmp string, backends []string, out io.Writer) error {
	for _, tool := range []string{"wrk", "nginx"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found: apt-get install -y --no-install-recommends wrk nginx", tool)
		}
	}
	items := filepath.Join(tmp, "items.jsonl")
	if err := writeItems(items, sc.Items); err != nil {
		return err
	}
	var results []staticResult
	var failures []string
	for _, b := range backends {
		rs, err := staticBackend(ctx, cfg, sc, bin, tmp, b, items, out)
		results = append(results, rs...)
		if err != nil {
			failures = append(failures, b+": "+err.Error())
			fmt.Fprintf(out, "%s: FAILED: %v\n", b, err)
		}
	}
	printStatic(out, sc, results)
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	return nil
}

// staticBackend runs the mode on one backend.
func staticBackend(ctx context.Context, cfg Config, sc StaticConfig, bin, tmp, backend, items string, out io.Writer) ([]staticResult, error) {
	var store []string
	switch backend {
	case "sqlite":
		store = []string{"--data", filepath.Join(tmp, "static-sqlite")}
	case "postgres":
		dsn, drop, err := createPostgres(ctx, cfg.Postgres)
		if err != nil {
			return nil, err
		}
		defer drop()
		store = []string{"--database-url", dsn}
		if err := migrate(ctx, bin, store...); err != nil {
			return nil, err
		}
	}
	logPath := filepath.Join(tmp, "static-"+backend+"-server.log")
	srv, err := startServer(ctx, bin, logPath, append([]string{"serve", "--demo"}, store...)...)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := srv.Stop(30 * time.Second); err != nil {
			fmt.Fprintf(out, "%s: %v\n", backend, err)
		}
	}()
	imp := exec.CommandContext(ctx, bin, append(append([]string{"catalog", "import"}, store...), "--agency", "北仑区司法局", items)...)
	if b, err := imp.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("catalog import: %w\n%s", err, b)
	}
	fmt.Fprintf(out, "%s: server at %s, %d items imported for 北仑区司法局\n", backend, srv.Base, sc.Items)
	time.Sleep(1500 * time.Millisecond) // another process wrote: the server sees it within a second

	names, err := staticNames(ctx, srv.Base)
	if err != nil {
		return nil, err
	}
	// nginx's workers run as another user (www-data) when it is started
	// as root: its directory is one of its own that they may read.
	root, err := os.MkdirTemp("", "gongkai-bench-nginx-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	if err := os.Chmod(root, 0o755); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(root, "www"), 0o755); err != nil {
		return nil, err
	}
	var results []staticResult
	var files []string
	for i, p := range staticPages {
		path := expandPath(p.path, names)
		body, err := fetch(ctx, srv.Base+path)
		if err != nil {
			return results, err
		}
		file := fmt.Sprintf("/p%02d.html", i)
		if err := os.WriteFile(filepath.Join(root, "www", file), body, 0o644); err != nil {
			return results, err
		}
		files = append(files, file)
		results = append(results, staticResult{backend: backend, page: p.name, path: path, bytes: len(body)})
	}
	ng, err := startNginx(ctx, root)
	if err != nil {
		return results, err
	}
	defer ng.stop()
	bare, err := startBare(filepath.Join(root, "www"))
	if err != nil {
		return results, err
	}
	defer bare.Close()
	for i := range results {
		r := &results[i]
		turn := []struct {
			url string
			res *wrkResult
		}{{srv.Base + r.path, &r.server}, {ng.base + files[i], &r.nginx}, {"http://" + bare.Addr + files[i], &r.bare}}
		// Each is warmed up, then they take turns; which goes first
		// rotates page by page.
		for _, t := range turn {
			if _, err := runWrk(ctx, t.url, sc.Threads, sc.Connections, time.Second); err != nil {
				return results, err
			}
		}
		for k := range turn {
			t := turn[(i+k)%len(turn)]
			if *t.res, err = runWrk(ctx, t.url, sc.Threads, sc.Connections, sc.Duration); err != nil {
				return results, err
			}
		}
		fmt.Fprintf(out, "%s: %-26s %7.0f req/s (p99 %6.1f ms) · nginx %7.0f req/s (p99 %6.1f ms) · ×%.2f · bare net/http ×%.2f\n", backend, r.page,
			r.server.rps, r.server.p99ms, r.nginx.rps, r.nginx.p99ms, r.server.rps/r.nginx.rps, r.bare.rps/r.nginx.rps)
	}
	return results, nil
}

// staticNames finds 北仑区司法局's id (from its report's link on /reports)
// and the index number of one of its items (from its column list).
func staticNames(ctx context.Context, base string) (map[string]string, error) {
	reports, err := fetch(ctx, base+"/reports")
	if err != nil {
		return nil, err
	}
	m := regexp.MustCompile(`href="/reports/(\d+)/2022"`).FindSubmatch(reports)
	if m == nil {
		return nil, errors.New("/reports links no 2022 report of the demo's 北仑区司法局")
	}
	names := map[string]string{"justice": string(m[1])}
	list, err := fetch(ctx, base+"/catalog/agencies/"+names["justice"]+"/items")
	if err != nil {
		return nil, err
	}
	it := regexp.MustCompile(`href="/catalog/items/([^"?]+)"`).FindSubmatch(list)
	if it == nil {
		return nil, errors.New("the column list links no item: the import did not reach the server")
	}
	names["item"] = string(it[1])
	return names, nil
}

func expandPath(p string, names map[string]string) string {
	for k, v := range names {
		p = strings.ReplaceAll(p, "{"+k+"}", v)
	}
	return p
}

// fetch GETs u as a browser without cookies would (no compression) and
// requires 200.
func fetch(ctx context.Context, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableCompression: true}}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return b, err
}

// writeItems writes n generated items (searchtest's government prose) as
// a catalog import file of 北仑区司法局.
func writeItems(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for i, it := range searchtest.Corpus(12, n) {
		day := time.Date(it.Year, 1, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)).AddDate(0, 0, i%300)
		line := map[string]any{
			"schema": "gongkai.item/v1", "index_no": fmt.Sprintf("002882367/%d-%05d", it.Year, 10000+i), "title": it.Doc.Title,
			"doc_no": it.Doc.DocNo, "category": "other", "doc_type": "notice", "formed_on": day.Format("2006-01-02"),
			"summary": "", "body": it.Doc.Body, "disclosure": "proactive", "published_at": day.Add(72 * time.Hour).Format(time.RFC3339),
		}
		if it.Doc.DocNo == "" {
			delete(line, "doc_no")
		}
		if err := enc.Encode(line); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// printStatic prints the table the README shows.
func printStatic(out io.Writer, sc StaticConfig, rs []staticResult) {
	fmt.Fprintf(out, "\nwrk -t%d -c%d -d%s, each page against nginx serving its bytes from disk, in turns\n", sc.Threads, sc.Connections, sc.Duration)
	fmt.Fprintf(out, "| backend | page | bytes | gongkai req/s | nginx req/s | ratio | gongkai p99 ms | nginx p99 ms | timeouts (gongkai/nginx) | bare net/http ÷ nginx |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		if r.nginx.rps == 0 {
			continue
		}
		fmt.Fprintf(out, "| %s | %s (`%s`) | %d | %.0f | %.0f | %.2f | %.1f | %.1f | %d/%d | %.2f |\n", r.backend, r.page, shortPath(r.path), r.bytes,
			r.server.rps, r.nginx.rps, r.server.rps/r.nginx.rps, r.server.p99ms, r.nginx.p99ms, r.server.timeouts, r.nginx.timeouts, r.bare.rps/r.nginx.rps)
	}
}

func shortPath(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}
