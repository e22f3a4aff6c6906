// Package mailer sends the e-mail copies of applicants' notices: a small
// SMTP client on net/smtp (STARTTLS when configured, timeouts) and a worker
// that drains the outbox (package sqlstore's mail_outbox) with retries and
// exponential backoff. E-mail is optional: `gongkai serve` starts the
// worker only when smtp_addr is configured.
//
// Recipients are stored sealed (package pii) and opened only to be sent;
// logs carry them masked (pii.MaskEmail), never in full.
package mailer

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"
)

// ErrAddress is wrapped by every error about a malformed address.
var ErrAddress = errors.New("mailer: invalid address")

// A Message is one e-mail to send: plain text in UTF-8.
type Message struct {
	From    string // "Name <addr>" or addr
	To      string // a bare address
	Subject string
	Body    string
	Date    time.Time
}

// ParseAddress checks a single address and returns it bare
// (user@example.cn), refusing anything that could smuggle a header or a
// second recipient.
func ParseAddress(s string) (string, error) {
	if strings.ContainsAny(s, "\r\n,;") {
		return "", fmt.Errorf("%w: %q", ErrAddress, s)
	}
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrAddress, err)
	}
	if strings.ContainsAny(a.Address, "\r\n<> ") || !strings.Contains(a.Address, "@") {
		return "", fmt.Errorf("%w: %q", ErrAddress, s)
	}
	return a.Address, nil
}

// Bytes renders m as an RFC 5322 message: encoded-word headers and a
// base64 body, so that Chinese text passes any 7-bit relay and no line of
// the body can end the DATA section.
func (m Message) Bytes() ([]byte, error) {
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return nil, fmt.Errorf("%w: from: %w", ErrAddress, err)
	}
	to, err := ParseAddress(m.To)
	if err != nil {
		return nil, err
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	id := make([]byte, 12)
	if _, err := rand.Read(id); err != nil {
		return nil, fmt.Errorf("mailer: message id: %w", err)
	}
	domain := from.Address[strings.LastIndex(from.Address, "@")+1:]
	subject := strings.Join(strings.Fields(m.Subject), " ") // no CR/LF in a header
	var b bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	hdr("From", (&mail.Address{Name: from.Name, Address: from.Address}).String())
	hdr("To", "<"+to+">")
	hdr("Subject", mime.BEncoding.Encode("UTF-8", subject))
	hdr("Date", m.Date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "text/plain; charset=UTF-8")
	hdr("Content-Transfer-Encoding", "base64")
	hdr("Auto-Submitted", "auto-generated") // RFC 3834: no auto-replies
	b.WriteString("\r\n")
	body := strings.ReplaceAll(m.Body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\n", "\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes(), nil
}
