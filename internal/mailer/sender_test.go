package mailer_test

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/mailer"
)

// decoded is a received mail's subject and body as the applicant reads them.
type decoded struct {
	Header  mail.Header
	Subject string
	Body    string
}

func decode(t testing.TB, data string) decoded {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, data)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, m.Body))
	if err != nil {
		t.Fatalf("body not base64: %v", err)
	}
	return decoded{Header: m.Header, Subject: subj, Body: string(raw)}
}

func TestSend(t *testing.T) {
	msg := mailer.Message{To: "zhangsan@example.cn", Subject: "政府信息公开申请 2024-0001 办理通知",
		Body: "您好：\n\n您的申请已开始办理。\n.\n..leading dots stay\n"}
	tests := []struct {
		name     string
		tls      bool // the server offers STARTTLS
		starttls bool // the client requires it
		user     string
		wantErr  string
	}{
		{"plain on loopback", false, false, "", ""},
		{"starttls with login", true, true, "gk", ""},
		{"starttls required but not offered", false, true, "", "does not offer STARTTLS"},
		{"login without tls to loopback", false, false, "gk", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSMTPD(t, tt.tls)
			s := &mailer.Sender{Addr: srv.Addr, From: "公开办 <gk@example.gov.cn>", StartTLS: tt.starttls,
				Username: tt.user, Password: "pw", Timeout: 5 * time.Second}
			if tt.tls {
				s.TLS = srv.clientTLS()
			}
			err := s.Send(context.Background(), msg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Send = %v; want %q", err, tt.wantErr)
				}
				if n := len(srv.received()); n != 0 {
					t.Fatalf("server received %d mails after a refused send", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := srv.received()
			if len(got) != 1 {
				t.Fatalf("received %d mails; want 1", len(got))
			}
			r := got[0]
			if r.From != "gk@example.gov.cn" || r.To != "zhangsan@example.cn" || r.TLS != tt.starttls {
				t.Errorf("envelope = %q → %q (tls %v)", r.From, r.To, r.TLS)
			}
			if tt.user != "" && r.Auth != "\x00gk\x00pw" {
				t.Errorf("AUTH PLAIN = %q", r.Auth)
			}
			d := decode(t, r.Data)
			if d.Subject != msg.Subject {
				t.Errorf("subject = %q", d.Subject)
			}
			if want := strings.ReplaceAll(msg.Body, "\n", "\r\n"); d.Body != want {
				t.Errorf("body = %q; want %q", d.Body, want)
			}
			if d.Header.Get("Auto-Submitted") != "auto-generated" || !strings.Contains(d.Header.Get("Content-Type"), "UTF-8") {
				t.Errorf("headers = %v", d.Header)
			}
		})
	}
}

func TestSendRelayReplies(t *testing.T) {
	tests := []struct {
		reply     string
		permanent bool
	}{
		{"451 4.3.0 try again later", false},
		{"550 5.1.1 <zhangsan@example.cn>: no such user", true},
	}
	for _, tt := range tests {
		srv := newSMTPD(t, false)
		srv.failNext(1, tt.reply)
		s := &mailer.Sender{Addr: srv.Addr, From: "gk@example.gov.cn", Timeout: 5 * time.Second}
		err := s.Send(context.Background(), mailer.Message{To: "zhangsan@example.cn", Subject: "s", Body: "b"})
		var perm *mailer.PermanentError
		if err == nil || errors.As(err, &perm) != tt.permanent {
			t.Errorf("reply %q: Send = %v; want permanent %v", tt.reply, err, tt.permanent)
		}
	}
}

func TestSendUnreachable(t *testing.T) {
	srv := newSMTPD(t, false)
	addr := srv.Addr
	srv.ln.Close()
	s := &mailer.Sender{Addr: addr, From: "gk@example.gov.cn", Timeout: 2 * time.Second}
	err := s.Send(context.Background(), mailer.Message{To: "a@example.cn", Subject: "s", Body: "b"})
	var perm *mailer.PermanentError
	if err == nil || errors.As(err, &perm) {
		t.Fatalf("Send to a closed port = %v; want a transient error", err)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute,
		32 * time.Minute, 64 * time.Minute, 128 * time.Minute, 256 * time.Minute, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := mailer.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v; want %v", i+1, got, w)
		}
	}
}
