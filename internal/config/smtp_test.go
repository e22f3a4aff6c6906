package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "gongkai.json")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSMTPPasswordRefusedInFile(t *testing.T) {
	for _, key := range []string{"smtp_password", "SMTP_PASSWORD", "gongkai_smtp_pass", "mail_password"} {
		t.Run(key, func(t *testing.T) {
			p := writeConfig(t, `{"smtp_addr": "smtp.example.cn:587", "smtp_from": "gk@example.cn", "smtp_username": "gk", "`+key+`": "hunter2-secret"}`)
			c, err := Load(p, env(nil))
			if err != nil {
				t.Fatalf("load: %v (the refusal belongs to Validate, with its message)", err)
			}
			err = c.Validate()
			if err == nil || !strings.Contains(err.Error(), "config.smtp_password_inline") || !strings.Contains(err.Error(), key) {
				t.Fatalf("Validate = %v; want a refusal naming %s", err, key)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the refusal repeats the password: %v", err)
			}
			if c.SMTPPassword != "" {
				t.Errorf("password taken from the file: %q", c.SMTPPassword)
			}
		})
	}
}

func TestSMTPPasswordFromEnvAndFile(t *testing.T) {
	c, err := Load("", env(map[string]string{"GONGKAI_SMTP_ADDR": "smtp.example.cn:587", "GONGKAI_SMTP_FROM": "gk@example.cn",
		"GONGKAI_SMTP_USERNAME": "gk", "GONGKAI_SMTP_PASSWORD": " pa:ss word "}))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if pw, _ := c.MailPassword(); pw != " pa:ss word " {
		t.Errorf("MailPassword = %q; want the variable verbatim", pw)
	}
	pwFile := filepath.Join(t.TempDir(), "smtp.pw")
	if err := os.WriteFile(pwFile, []byte("from-file\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	c, err = Load(writeConfig(t, `{"smtp_addr": "smtp.example.cn:587", "smtp_from": "gk@example.cn", "smtp_username": "gk", "smtp_password_file": "`+pwFile+`"}`), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if pw, err := c.MailPassword(); err != nil || pw != "from-file" {
		t.Errorf("MailPassword = %q, %v; want from-file", pw, err)
	}
}

func TestDumpMasksSMTPPassword(t *testing.T) {
	for _, pw := range []string{"hunter2", "smtp:secretpart", "postgres://u:pw@h/x"} {
		c := Default()
		c.SMTPAddr, c.SMTPFrom, c.SMTPUsername, c.SMTPPassword = "smtp.example.cn:587", "gk@example.cn", "gk", pw
		var b bytes.Buffer
		if err := c.Dump(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, pw) || strings.Contains(out, "secretpart") || strings.Contains(out, "hunter2") {
			t.Errorf("dump shows the password %q:\n%s", pw, out)
		}
		if !strings.Contains(out, `smtp_password        = "******"`) {
			t.Errorf("dump lacks the masked password line:\n%s", out)
		}
		if !strings.Contains(out, `"smtp.example.cn:587"`) {
			t.Errorf("dump lacks smtp_addr:\n%s", out)
		}
	}
}

func TestValidateMail(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name    string
		set     func(c *Config)
		wantErr string // "" for valid
	}{
		{"off by default", func(c *Config) {}, ""},
		{"relay", func(c *Config) { c.SMTPAddr, c.SMTPFrom = "smtp.example.cn:587", "公开办 <gk@example.cn>" }, ""},
		{"no port", func(c *Config) { c.SMTPAddr, c.SMTPFrom = "smtp.example.cn", "gk@example.cn" }, "smtp_addr"},
		{"bad port", func(c *Config) { c.SMTPAddr, c.SMTPFrom = "smtp.example.cn:99999", "gk@example.cn" }, "smtp_addr"},
		{"no sender", func(c *Config) { c.SMTPAddr = "smtp.example.cn:25" }, "smtp_from"},
		{"header in sender", func(c *Config) { c.SMTPAddr, c.SMTPFrom = "smtp.example.cn:25", "gk@example.cn\r\nBcc: x@y.cn" }, "smtp_from"},
		{"user without password", func(c *Config) {
			c.SMTPAddr, c.SMTPFrom, c.SMTPUsername = "smtp.example.cn:587", "gk@example.cn", "gk"
		}, "smtp_username"},
		{"password in clear", func(c *Config) {
			c.SMTPAddr, c.SMTPFrom, c.SMTPUsername, c.SMTPPassword, c.SMTPStartTLS = "smtp.example.cn:25", "gk@example.cn", "gk", "pw", &no
		}, "smtp_starttls"},
		{"password on loopback without tls", func(c *Config) {
			c.SMTPAddr, c.SMTPFrom, c.SMTPUsername, c.SMTPPassword, c.SMTPStartTLS = "127.0.0.1:25", "gk@example.cn", "gk", "pw", &no
		}, ""},
		{"starttls forced on loopback", func(c *Config) { c.SMTPAddr, c.SMTPFrom, c.SMTPStartTLS = "127.0.0.1:25", "gk@example.cn", &yes }, ""},
		{"public url", func(c *Config) { c.PublicURL = "https://gk.example.gov.cn/" }, ""},
		{"public url with query", func(c *Config) { c.PublicURL = "https://gk.example.gov.cn/?a=1" }, "public_url"},
		{"public url not http", func(c *Config) { c.PublicURL = "ftp://gk.example.gov.cn" }, "public_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.set(&c)
			err := c.Validate()
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Validate = %v; want valid", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Validate = %v; want an error about %s", err, tt.wantErr)
			}
		})
	}
}

func TestMailStartTLSDefault(t *testing.T) {
	tests := []struct {
		addr, set string
		want      bool
	}{
		{"smtp.example.cn:587", "", true},
		{"127.0.0.1:25", "", false},
		{"[::1]:25", "", false},
		{"localhost:25", "", false},
		{"localhost:25", "true", true},
		{"smtp.example.cn:587", "false", false},
		{"smtp.example.cn:587", "auto", true},
	}
	for _, tt := range tests {
		c := Default()
		c.SMTPAddr = tt.addr
		if err := c.Set("smtp-starttls", tt.set); err != nil {
			t.Fatal(err)
		}
		if got := c.MailStartTLS(); got != tt.want {
			t.Errorf("MailStartTLS(%s, %q) = %v; want %v", tt.addr, tt.set, got, tt.want)
		}
	}
	c := Default()
	if err := c.Set("smtp_starttls", "maybe"); err == nil {
		t.Error("smtp_starttls = maybe accepted")
	}
}

func TestPortalURL(t *testing.T) {
	c := Default()
	if got := c.PortalURL("127.0.0.1:8080"); got != "http://127.0.0.1:8080" {
		t.Errorf("PortalURL = %q", got)
	}
	c.PublicURL = "https://gk.example.gov.cn/"
	if got := c.PortalURL("127.0.0.1:8080"); got != "https://gk.example.gov.cn" {
		t.Errorf("PortalURL = %q", got)
	}
}
