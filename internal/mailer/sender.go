package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"
)

// DefaultTimeout bounds one whole SMTP conversation: dial, greeting,
// STARTTLS, authentication and data.
const DefaultTimeout = 30 * time.Second

// A Sender speaks SMTP to one relay. Its zero value is not usable: set
// Addr and From.
type Sender struct {
	Addr     string // host:port of the relay
	From     string // envelope and header sender
	Username string // "" for no authentication
	// Password is used with Username (AUTH PLAIN, which net/smtp sends only
	// over TLS or to localhost). Go strings cannot be wiped, so it stays in
	// memory for the life of the process (SECURITY.md E-RI-01 limits).
	Password string
	// StartTLS requires the relay to offer STARTTLS and upgrades to it
	// before authenticating; a relay that does not offer it is an error,
	// never a silent fall back to plain text.
	StartTLS bool
	// TLS is the client TLS configuration; nil verifies the relay's
	// certificate against the system roots for its host name.
	TLS *tls.Config
	// Hello is the name sent with EHLO; "" sends "localhost".
	Hello string
	// Timeout bounds one conversation; 0 means DefaultTimeout.
	Timeout time.Duration
}

// A PermanentError is a 5xx reply of the relay: retrying will not help.
type PermanentError struct{ Err error }

// Error returns the relay's reply.
func (e *PermanentError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// Send delivers m through the relay in one conversation.
func (s *Sender) Send(ctx context.Context, m Message) error {
	if m.From == "" {
		m.From = s.From
	}
	to, err := ParseAddress(m.To)
	if err != nil {
		return &PermanentError{Err: err}
	}
	data, err := m.Bytes()
	if err != nil {
		return &PermanentError{Err: err}
	}
	from, err := ParseAddress(m.From)
	if err != nil {
		return &PermanentError{Err: err}
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("mailer: relay address %q: %w", s.Addr, err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("mailer: dial %s: %w", s.Addr, err)
	}
	defer conn.Close()
	dl, _ := ctx.Deadline()
	if err := conn.SetDeadline(dl); err != nil {
		return fmt.Errorf("mailer: deadline: %w", err)
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fmt.Errorf("mailer: greeting: %w", err)
	}
	defer c.Close()
	hello := s.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return fmt.Errorf("mailer: ehlo: %w", err)
	}
	if s.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("mailer: %s does not offer STARTTLS (smtp_starttls is on)", s.Addr)
		}
		cfg := s.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("mailer: starttls: %w", err)
		}
	}
	if s.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, host)); err != nil {
			return fmt.Errorf("mailer: auth: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("mailer: mail from: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return classify("rcpt to", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mailer: data: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("mailer: data: %w", err)
	}
	if err := w.Close(); err != nil {
		return classify("data end", err)
	}
	// The message was accepted at the end of DATA; a failed QUIT does
	// not make it undelivered.
	_ = c.Quit()
	return nil
}

// classify wraps an error of step op, marking 5xx replies permanent. Only
// the replies about this message (RCPT, end of DATA) are classified: a
// refused login or sender is the relay's configuration, which an operator
// can fix, so those mails wait and retry.
func classify(op string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return &PermanentError{Err: fmt.Errorf("mailer: %s: %w", op, err)}
	}
	return fmt.Errorf("mailer: %s: %w", op, err)
}
