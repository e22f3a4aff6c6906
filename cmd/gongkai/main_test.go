package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// envRunMain makes the test binary run main() with the arguments in
// envArgs (separated by newlines): the tests start the real command as a
// subprocess without building it.
const (
	envRunMain = "GONGKAI_TEST_RUN_MAIN"
	envArgs    = "GONGKAI_TEST_MAIN_ARGS"
)

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		os.Args = append([]string{"gongkai"}, strings.Split(os.Getenv(envArgs), "\n")...)
		main()
		return
	}
	os.Exit(m.Run())
}

var servingRE = regexp.MustCompile(`serving: 公开网站 portal http://(\S+)/`)

// lines collects a stream's lines and lets a test wait for one matching.
type lines struct {
	mu   sync.Mutex
	all  []string
	seen chan string
}

func collect(r io.Reader) *lines {
	l := &lines{seen: make(chan string, 1000)}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			l.mu.Lock()
			l.all = append(l.all, sc.Text())
			l.mu.Unlock()
			l.seen <- sc.Text()
		}
		close(l.seen)
	}()
	return l
}

// wait returns the first line from now on that contains want.
func (l *lines) wait(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case s, ok := <-l.seen:
			if !ok {
				t.Fatalf("output ended before %q", want)
			}
			if strings.Contains(s, want) {
				return s
			}
		case <-deadline:
			t.Fatalf("no %q in the output", want)
		}
	}
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.all, "\n")
}

// TestSignals starts `gongkai serve` as a subprocess. One SIGINT or
// SIGTERM shuts it down gracefully (exit 0); a second one while a request
// is still in flight ends it at once with 128 + the signal number
// (SECURITY.md R-GS-01). The held request is a login form whose body never
// arrives, so the graceful shutdown would otherwise wait for it (up to
// web.ShutdownTimeout, then exit 1).
func TestSignals(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX signals to send on Windows")
	}
	tests := []struct {
		name    string
		sig     os.Signal
		hold    bool // keep a request in flight
		signals int
		code    int
		stderr  string
	}{
		{"one SIGTERM, idle", syscall.SIGTERM, false, 1, 0, `"msg":"stopped"`},
		{"one SIGINT, idle", os.Interrupt, false, 1, 0, `"msg":"stopped"`},
		{"second SIGINT during a request", os.Interrupt, true, 2, 130, "exiting without waiting"},
		{"second SIGTERM during a request", syscall.SIGTERM, true, 2, 143, "exiting without waiting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), envRunMain+"=1",
				envArgs+"="+strings.Join([]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0"}, "\n"),
				"GONGKAI_DATABASE_URL=", "GONGKAI_CONFIG=", "GONGKAI_DATA=")
			stdout, _ := cmd.StdoutPipe()
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
			out, errs := collect(stdout), collect(stderr)
			addr := servingRE.FindStringSubmatch(out.wait(t, "serving:"))[1]

			if tt.hold {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				fmt.Fprintf(c, "POST /admin/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n", addr)
				// The server answers 100 Continue only once the handler
				// reads the body: from then on the request is in flight.
				// Signalling earlier raced the server's accept (the
				// shutdown then had nothing to wait for and exited 0).
				_ = c.SetReadDeadline(time.Now().Add(60 * time.Second))
				if line, err := bufio.NewReader(c).ReadString('\n'); err != nil || !strings.Contains(line, " 100 ") {
					t.Fatalf("no 100 Continue: %q %v", line, err)
				}
				fmt.Fprint(c, "login=a")
			}
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			if tt.signals == 2 {
				errs.wait(t, "shutting down")
				if err := cmd.Process.Signal(tt.sig); err != nil {
					t.Fatal(err)
				}
			}
			for range errs.seen { // drain until the process closes stderr
			}
			err := cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			if code != tt.code || !strings.Contains(errs.String(), tt.stderr) {
				t.Errorf("exit %d (%v); want %d with %q in stderr:\n%s", code, err, tt.code, tt.stderr, errs)
			}
		})
	}
}
