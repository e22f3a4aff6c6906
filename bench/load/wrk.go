package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A wrkResult is what wrk measured of one URL.
type wrkResult struct {
	rps      float64 // requests per second
	p99ms    float64 // 99th percentile latency, milliseconds
	timeouts int     // requests wrk gave up on after 2 s (not in the latency)
}

// runWrk runs wrk against u and parses its --latency report. A run with
// non-2xx answers fails; timeouts are counted.
func runWrk(ctx context.Context, u string, threads, conns int, d time.Duration) (wrkResult, error) {
	cmd := exec.CommandContext(ctx, "wrk", "-t"+strconv.Itoa(threads), "-c"+strconv.Itoa(conns),
		"-d"+strconv.Itoa(int(d/time.Second))+"s", "--latency", u)
	b, err := cmd.CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %w\n%s", u, err, b)
	}
	return parseWrk(string(b))
}

var (
	wrkRPS    = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkP99    = regexp.MustCompile(`(?m)^\s*99%\s+([0-9.]+)(us|ms|s)\b`)
	wrkNon2xx = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkTO     = regexp.MustCompile(`Socket errors: .*timeout (\d+)`)
)

// parseWrk reads requests/s and the 99th percentile from wrk's output.
func parseWrk(s string) (wrkResult, error) {
	if m := wrkNon2xx.FindStringSubmatch(s); m != nil {
		return wrkResult{}, fmt.Errorf("wrk: %s non-2xx answers", m[1])
	}
	rps := wrkRPS.FindStringSubmatch(s)
	p99 := wrkP99.FindStringSubmatch(s)
	if rps == nil || p99 == nil {
		return wrkResult{}, fmt.Errorf("wrk output without Requests/sec or a 99%% latency (run with --latency):\n%s", s)
	}
	r := wrkResult{}
	r.rps, _ = strconv.ParseFloat(rps[1], 64)
	v, _ := strconv.ParseFloat(p99[1], 64)
	switch p99[2] {
	case "us":
		v /= 1000
	case "s":
		v *= 1000
	}
	r.p99ms = v
	if m := wrkTO.FindStringSubmatch(s); m != nil {
		r.timeouts, _ = strconv.Atoi(m[1])
	}
	return r, nil
}

// nginxConf serves root/www on a loopback port with a worker per core,
// sendfile and an access log, as a stock installation would.
const nginxConf = `worker_processes auto;
daemon off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 4096; }
http {
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type text/html;
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/tmp;
    proxy_temp_path %[1]s/tmp;
    fastcgi_temp_path %[1]s/tmp;
    uwsgi_temp_path %[1]s/tmp;
    scgi_temp_path %[1]s/tmp;
    server {
        listen %[2]s;
        root %[1]s/www;
    }
}
`

// An nginxServer is nginx started by the benchmark (never the system's).
type nginxServer struct {
	base string
	cmd  *exec.Cmd
	done chan struct{}
}

// startNginx writes a configuration under root and runs nginx on a free
// loopback port until stop.
func startNginx(ctx context.Context, root string) (*nginxServer, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(root, "tmp"), 0o755); err != nil {
		return nil, err
	}
	conf := filepath.Join(root, "nginx.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(nginxConf, root, addr)), 0o644); err != nil {
		return nil, err
	}
	n := &nginxServer{base: "http://" + addr, done: make(chan struct{})}
	n.cmd = exec.Command("nginx", "-c", conf, "-p", root, "-e", filepath.Join(root, "error.log"))
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if out, err := os.Create(filepath.Join(root, "nginx.out")); err == nil {
		n.cmd.Stdout, n.cmd.Stderr = out, out
	}
	if err := n.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start nginx: %w", err)
	}
	go func() { _ = n.cmd.Wait(); close(n.done) }()
	c := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		select {
		case <-n.done:
			b, _ := os.ReadFile(filepath.Join(root, "error.log"))
			return nil, fmt.Errorf("nginx exited: %s", strings.TrimSpace(string(b)))
		case <-ctx.Done():
			n.stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := c.Get(n.base + "/p00.html"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return n, nil
			}
		}
	}
	n.stop()
	return nil, errors.New("nginx did not answer within 10 s")
}

// stop ends nginx (its master and workers: the process group it leads)
// and waits for it.
func (n *nginxServer) stop() {
	_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGQUIT)
	select {
	case <-n.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
		<-n.done
	}
}
