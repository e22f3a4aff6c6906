package app

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// relay is the least SMTP server net/smtp talks to: it records the
// envelope recipient and the data of each mail.
type relay struct {
	ln    net.Listener
	mu    sync.Mutex
	rcpts []string
	data  []string
}

func newRelay(t *testing.T) *relay {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{ln: ln}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); r.session(c) }()
		}
	}()
	return r
}

func (r *relay) session(c net.Conn) {
	defer c.Close()
	rd := bufio.NewReader(c)
	say := func(s string) { c.Write([]byte(s + "\r\n")) }
	say("220 relay")
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 relay")
		case strings.HasPrefix(cmd, "RCPT"):
			r.mu.Lock()
			r.rcpts = append(r.rcpts, strings.TrimSpace(line[len("RCPT TO:"):]))
			r.mu.Unlock()
			say("250 ok")
		case cmd == "DATA":
			say("354 go")
			var b strings.Builder
			for {
				l, err := rd.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			r.mu.Lock()
			r.data = append(r.data, b.String())
			r.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func TestStartMail(t *testing.T) {
	key, err := pii.ParseKey("00112233445566778899aabbccddeeff")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		relay  bool
		public string
		want   string // the status link in the mail; "" when mail is off
	}{
		{"off", false, "", ""},
		{"public url", true, "https://gk.example.gov.cn/", "https://gk.example.gov.cn/apply/status"},
		{"served address", true, "", "http://127.0.0.1:8080/apply/status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			st := sqlstoretest.Open(t, sqlstoretest.SQLite)
			cfg := config.Default()
			cfg.PublicURL = tt.public
			var rl *relay
			if tt.relay {
				rl = newRelay(t)
				cfg.SMTPAddr, cfg.SMTPFrom = rl.ln.Addr().String(), "北仑区司法局 <gk@example.gov.cn>"
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			a, err := New(ctx, st, cfg, Options{PIIKeys: pii.NewKeyring(key)})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			var logs bytes.Buffer
			// The worker's own loop stops at once, so that the test's
			// RunOnce is the only pass.
			loopCtx, stopLoop := context.WithCancel(ctx)
			stopLoop()
			w, err := startMail(loopCtx, st, a, cfg, "127.0.0.1:8080", slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil || (w != nil) != tt.relay {
				t.Fatalf("startMail = %v, %v; want a worker: %v", w, err, tt.relay)
			}
			ag, err := st.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			rc, err := a.Casework.Submit(ctx, casework.Application{AgencyID: ag.ID, ApplicantType: "natural_person",
				Name: "张三", IDNumber: "11010519491231002X", Email: "zhangsan@example.cn", Content: "某小区规划许可文件", Form: "电子", Delivery: "电子邮件"}, "192.0.2.1")
			if err != nil {
				t.Fatal(err)
			}
			ms, err := st.RequestMail(ctx, rc.RequestID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(ms) != 0 {
					t.Fatalf("mail off, yet %d queued", len(ms))
				}
				return
			}
			if len(ms) != 1 || !strings.Contains(ms[0].Body, tt.want) {
				t.Fatalf("queued = %+v; want one mail linking %s", ms, tt.want)
			}
			p, err := w.RunOnce(ctx)
			if err != nil || p.Sent != 1 {
				t.Fatalf("RunOnce = %+v, %v; want the mail sent", p, err)
			}
			rl.mu.Lock()
			defer rl.mu.Unlock()
			if len(rl.rcpts) != 1 || rl.rcpts[0] != "<zhangsan@example.cn>" || len(rl.data) != 1 {
				t.Fatalf("relay got %v", rl.rcpts)
			}
			if strings.Contains(logs.String(), "zhangsan@") || !strings.Contains(logs.String(), "mail on") {
				t.Errorf("logs:\n%s", logs.String())
			}
		})
	}
}
