package config

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// A Duration is a time.Duration written as "15m" in files and variables.
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats d like time.Duration.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes d as a string such as "15m0s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a string such as "15m".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string like \"15m\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// An accessor reads and writes one setting as text.
type accessor struct {
	get func() string
	set func(string) error
}

// field describes one setting: its key (JSON name), environment variable,
// whether it is secret, and how to read and write it as text.
type field struct {
	key, env string
	secret   bool
	accessor
}

func (c *Config) fields() []field {
	return []field{
		{"data", "GONGKAI_DATA", false, str(&c.DataDir)},
		{"database_url", "GONGKAI_DATABASE_URL", true, str(&c.DatabaseURL)},
		{"addr", "GONGKAI_ADDR", false, str(&c.Addr)},
		{"level", "GONGKAI_LEVEL", false, num(&c.Level)},
		{"password_profile", "GONGKAI_PASSWORD_PROFILE", false, str(&c.PasswordProfile)},
		{"require_totp", "GONGKAI_REQUIRE_TOTP", false, boolean(&c.RequireTOTP)},
		{"lockout_threshold", "GONGKAI_LOCKOUT_THRESHOLD", false, num(&c.LockoutThreshold)},
		{"lockout_duration", "GONGKAI_LOCKOUT_DURATION", false, dur(&c.LockoutDuration)},
		{"session_idle_timeout", "GONGKAI_SESSION_IDLE_TIMEOUT", false, dur(&c.SessionIdleTimeout)},
		{"account_inactive_after", "GONGKAI_ACCOUNT_INACTIVE_AFTER", false, dur(&c.AccountInactiveAfter)},
		{"log_format", "GONGKAI_LOG_FORMAT", false, str(&c.LogFormat)},
		{"trusted_proxies", "GONGKAI_TRUSTED_PROXIES", false, list(&c.TrustedProxies)},
		{"https", "GONGKAI_HTTPS", false, boolean(&c.HTTPS)},
		{"admin_allow", "GONGKAI_ADMIN_ALLOW", false, list(&c.AdminAllow)},
		{"pii_key_file", "GONGKAI_PII_KEY_FILE", false, str(&c.PIIKeyFile)},
		{"audit_key_file", "GONGKAI_AUDIT_KEY_FILE", false, str(&c.AuditKeyFile)},
		{"audit_syslog", "GONGKAI_AUDIT_SYSLOG", false, str(&c.AuditSyslog)},
		{"blob_url", "GONGKAI_BLOB_URL", false, str(&c.BlobURL)},
		{"upload_slots", "GONGKAI_UPLOAD_SLOTS", false, num(&c.UploadSlots)},
		{"upload_mib_per_hour", "GONGKAI_UPLOAD_MIB_PER_HOUR", false, num(&c.UploadMiBPerHour)},
		{"public_url", "GONGKAI_PUBLIC_URL", false, str(&c.PublicURL)},
		{"smtp_addr", "GONGKAI_SMTP_ADDR", false, str(&c.SMTPAddr)},
		{"smtp_from", "GONGKAI_SMTP_FROM", false, str(&c.SMTPFrom)},
		{"smtp_username", "GONGKAI_SMTP_USERNAME", false, str(&c.SMTPUsername)},
		{"smtp_password", "GONGKAI_SMTP_PASSWORD", true, raw(&c.SMTPPassword)},
		{"smtp_password_file", "GONGKAI_SMTP_PASSWORD_FILE", false, str(&c.SMTPPasswordFile)},
		{"smtp_starttls", "GONGKAI_SMTP_STARTTLS", false, optBool(&c.SMTPStartTLS)},
	}
}

func str(p *string) accessor {
	return accessor{func() string { return *p }, func(v string) error { *p = strings.TrimSpace(v); return nil }}
}

// raw is str without trimming: a password may begin or end with a space.
func raw(p *string) accessor {
	return accessor{func() string { return *p }, func(v string) error { *p = v; return nil }}
}

// optBool is a bool that may be unset ("" or "auto").
func optBool(p **bool) accessor {
	return accessor{func() string {
		if *p == nil {
			return ""
		}
		return strconv.FormatBool(**p)
	}, func(v string) error {
		if v = strings.TrimSpace(v); v == "" || strings.EqualFold(v, "auto") {
			*p = nil
			return nil
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("not true, false or auto: %q", v)
		}
		*p = &b
		return nil
	}}
}

func num(p *int) accessor {
	return accessor{func() string { return strconv.Itoa(*p) }, func(v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not a whole number: %q", v)
		}
		*p = n
		return nil
	}}
}

func boolean(p *bool) accessor {
	return accessor{func() string { return strconv.FormatBool(*p) }, func(v string) error {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not true or false: %q", v)
		}
		*p = b
		return nil
	}}
}

func dur(p *Duration) accessor {
	return accessor{func() string { return p.String() }, func(v string) error {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("not a duration like 15m: %q", v)
		}
		*p = Duration(d)
		return nil
	}}
}

func list(p *[]string) accessor {
	return accessor{func() string { return strings.Join(*p, ",") }, func(v string) error {
		*p = nil
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				*p = append(*p, s)
			}
		}
		return nil
	}}
}

// Dump writes every setting as "key = value  # ENV_VAR", one a line, with
// secrets masked: a database URL keeps its host and name but not its
// password.
func (c Config) Dump(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "# gongkai 配置 / configuration (敏感值已隐藏 / secrets masked)"); err != nil {
		return err
	}
	for _, f := range c.fields() {
		v, note := f.get(), f.env
		if f.secret {
			v = mask(v)
			if f.key != "database_url" && v != "" {
				v = "******" // a password is never shown, not even in part
			}
		}
		switch {
		case f.key == "smtp_password":
			note += " (仅限环境变量或 smtp_password_file，不得写入配置文件 / environment or smtp_password_file only, never the config file)"
		case f.key == "smtp_starttls" && v == "":
			note += fmt.Sprintf(" (自动 auto: %t)", c.MailStartTLS())
		case f.key == "smtp_addr" && v == "":
			note += " (空 = 不发送邮件 / empty = e-mail off)"
		}
		if f.key == "pii_key_file" {
			// A path, never the key: Validate refuses a key written here.
			if v == "" {
				note += " (默认 default: " + c.PIIKeyPath() + "; GONGKAI_PII_KEY 优先 / wins)"
			} else if looksLikeKey(v) {
				v = "******"
			}
		}
		if _, err := fmt.Fprintf(w, "%-20s = %-32s # %s\n", f.key, strconv.Quote(v), note); err != nil {
			return err
		}
	}
	return nil
}

// mask hides the password of a URL, or the whole value when it is not a
// URL with a password.
func mask(v string) string {
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" {
		return "******"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
