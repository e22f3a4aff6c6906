package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
)

// secretSettings are the names under which the SMTP password might be
// written into the config file (lower case, without a gongkai_ prefix).
// Like the personal-data key (SECURITY.md C-05) it never sits there: it
// comes from GONGKAI_SMTP_PASSWORD or the file smtp_password_file names,
// so that a config file can be shared and versioned without credentials.
var secretSettings = map[string]bool{
	"smtp_password": true, "smtp_pass": true, "smtp_passwd": true, "smtp_secret": true, "mail_password": true,
}

// MailEnabled reports whether e-mail is on: an SMTP relay is configured.
func (c Config) MailEnabled() bool { return c.SMTPAddr != "" }

// MailStartTLS reports whether to require STARTTLS: smtp_starttls when
// set, otherwise on for every relay but one on a loopback address.
func (c Config) MailStartTLS() bool {
	if c.SMTPStartTLS != nil {
		return *c.SMTPStartTLS
	}
	return !loopbackHost(c.SMTPAddr)
}

// MailPassword returns the SMTP password: GONGKAI_SMTP_PASSWORD (already
// in SMTPPassword), else the first line of smtp_password_file, else "".
func (c Config) MailPassword() (string, error) {
	if c.SMTPPassword != "" || c.SMTPPasswordFile == "" {
		return c.SMTPPassword, nil
	}
	b, err := os.ReadFile(c.SMTPPasswordFile)
	if err != nil {
		return "", fmt.Errorf("config: smtp password file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimRight(line, "\r"), nil
}

// PortalURL returns the public site's base URL for links in mail:
// public_url, else http:// and the served address (fallback when the
// server was not told its public name).
func (c Config) PortalURL(served string) string {
	if c.PublicURL != "" {
		return strings.TrimRight(c.PublicURL, "/")
	}
	return "http://" + served
}

func loopbackHost(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validateMail checks the e-mail and public-URL settings.
func (c *Config) validateMail() []apperr.Msg {
	var errs []apperr.Msg
	if len(c.inlineSecrets) > 0 {
		errs = append(errs, apperr.M("config.smtp_password_inline", strings.Join(c.inlineSecrets, ", ")))
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			errs = append(errs, apperr.M("config.public_url"))
		}
	}
	if c.SMTPAddr == "" {
		return errs
	}
	host, port, err := net.SplitHostPort(c.SMTPAddr)
	if n, perr := strconv.Atoi(port); err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
		errs = append(errs, apperr.M("config.smtp_addr"))
	}
	if _, err := mail.ParseAddress(c.SMTPFrom); err != nil || strings.ContainsAny(c.SMTPFrom, "\r\n") {
		errs = append(errs, apperr.M("config.smtp_from"))
	}
	if c.SMTPUsername != "" && c.SMTPPassword == "" && c.SMTPPasswordFile == "" {
		errs = append(errs, apperr.M("config.smtp_username"))
	}
	if c.SMTPUsername != "" && !c.MailStartTLS() && !loopbackHost(c.SMTPAddr) {
		errs = append(errs, apperr.M("config.smtp_starttls"))
	}
	return errs
}
