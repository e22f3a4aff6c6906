package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
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
func (c *Config) validateMail() []string {
	var errs []string
	if len(c.inlineSecrets) > 0 {
		errs = append(errs, "配置文件中不得写入 SMTP 密码 ("+strings.Join(c.inlineSecrets, ", ")+
			")：请删除，改用环境变量 GONGKAI_SMTP_PASSWORD 或密码文件 smtp_password_file / "+
			"the config file must not hold the SMTP password: use GONGKAI_SMTP_PASSWORD or smtp_password_file")
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			errs = append(errs, "public_url 应为 https://主机名[/路径] / public_url must be an http(s) URL without query")
		}
	}
	if c.SMTPAddr == "" {
		return errs
	}
	host, port, err := net.SplitHostPort(c.SMTPAddr)
	if n, perr := strconv.Atoi(port); err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
		errs = append(errs, "smtp_addr 应为 主机:端口，例如 smtp.example.gov.cn:587 / smtp_addr must be host:port")
	}
	if _, err := mail.ParseAddress(c.SMTPFrom); err != nil || strings.ContainsAny(c.SMTPFrom, "\r\n") {
		errs = append(errs, "启用邮件时 smtp_from 须为有效的发件地址 / smtp_from must be a valid sender address")
	}
	if c.SMTPUsername != "" && c.SMTPPassword == "" && c.SMTPPasswordFile == "" {
		errs = append(errs, "设置了 smtp_username 但没有密码：请设置 GONGKAI_SMTP_PASSWORD 或 smtp_password_file / smtp_username needs a password")
	}
	if c.SMTPUsername != "" && !c.MailStartTLS() && !loopbackHost(c.SMTPAddr) {
		errs = append(errs, "不得在未加密的连接上发送 SMTP 密码：请开启 smtp_starttls / refusing to send the SMTP password without STARTTLS")
	}
	return errs
}
