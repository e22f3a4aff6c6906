package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// buildBinary compiles ./cmd/gongkai of the module at root into dir.
func buildBinary(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "gongkai")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/gongkai")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/gongkai: %w\n%s", err, out)
	}
	return bin, nil
}

// freeAddr returns a loopback address with a port nobody listens on now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	addr := l.Addr().String()
	return addr, l.Close()
}

// A Server is one running `gongkai serve` on 127.0.0.1.
type Server struct {
	Base   string // http://127.0.0.1:PORT
	cmd    *exec.Cmd
	stdout *syncBuffer
	log    *os.File
	done   chan struct{}
	err    error // the result of Wait, valid after done is closed
}

// syncBuffer is a bytes.Buffer safe for the writer goroutine of exec and
// a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs bin with args plus --addr on a free loopback port,
// its JSON log appended to logPath, and waits until /readyz answers 200.
func startServer(ctx context.Context, bin, logPath string, args ...string) (*Server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open server log: %w", err)
	}
	s := &Server{Base: "http://" + addr, stdout: &syncBuffer{}, log: lf, done: make(chan struct{})}
	s.cmd = exec.Command(bin, append(args, "--addr", addr)...)
	s.cmd.Stdout = s.stdout
	s.cmd.Stderr = lf
	// The driver is the trusted proxy: the uploads scenario gives each
	// applicant its own address in X-Forwarded-For.
	s.cmd.Env = append(os.Environ(), "GONGKAI_DATABASE_URL=", "GONGKAI_DATA=", "GONGKAI_ADDR=", "GONGKAI_TRUSTED_PROXIES=127.0.0.1")
	if err := s.cmd.Start(); err != nil {
		lf.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() {
		s.err = s.cmd.Wait()
		lf.Close()
		close(s.done)
	}()
	if err := s.waitReady(ctx, 120*time.Second); err != nil {
		s.kill()
		return nil, fmt.Errorf("%w\nserver log tail:\n%s", err, tail(logPath, 5))
	}
	return s, nil
}

// waitReady polls /readyz until it answers 200, the process exits or
// the limit passes.
func (s *Server) waitReady(ctx context.Context, limit time.Duration) error {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("server exited before it was ready (%v); stdout:\n%s", s.err, s.stdout.String())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		resp, err := c.Get(s.Base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("server not ready at %s/readyz within %s", s.Base, limit)
}

// Stop sends SIGTERM (graceful shutdown) and waits; it fails when the
// server does not exit within the limit or exits with a non-zero status.
func (s *Server) Stop(limit time.Duration) error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("signal server: %w", err)
	}
	select {
	case <-s.done:
		if s.err != nil {
			return fmt.Errorf("server exit after SIGTERM: %w", s.err)
		}
		return nil
	case <-time.After(limit):
		s.kill()
		return fmt.Errorf("server did not exit within %s of SIGTERM; killed", limit)
	}
}

// kill ends the server process (only ours, by its pid) after a failure.
func (s *Server) kill() {
	_ = s.cmd.Process.Kill()
	<-s.done
}

// demoPassword finds the one-time password `serve --demo` printed for
// login on its first start.
func (s *Server) demoPassword(login string) (string, bool) {
	sc := bufio.NewScanner(strings.NewReader(s.stdout.String()))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 3 && f[0] == login {
			return f[len(f)-1], true
		}
	}
	return "", false
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// migrate runs `gongkai migrate` on a store: PostgreSQL databases are
// not migrated by serve.
func migrate(ctx context.Context, bin string, store ...string) error {
	cmd := exec.CommandContext(ctx, bin, append([]string{"migrate"}, store...)...)
	cmd.Env = append(os.Environ(), "GONGKAI_DATABASE_URL=", "GONGKAI_DATA=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("gongkai migrate: %w\n%s", err, out)
	}
	return nil
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// createPostgres creates a fresh database on the server of dsn and
// returns its DSN and a function that drops it.
func createPostgres(ctx context.Context, dsn string) (string, func(), error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, fmt.Errorf("parse postgres dsn: %w", err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", nil, fmt.Errorf("connect to postgres: %w", err)
	}
	defer conn.Close(ctx)
	name := "gongkai_bench_" + randomHex(6)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"); err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			fmt.Fprintf(os.Stderr, "bench: drop database %s: %v\n", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "bench: drop database %s: %v\n", name, err)
		}
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
