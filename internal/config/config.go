// Package config holds gongkai's one Config struct. It is loaded in layers
// (defaults → optional JSON file → GONGKAI_* environment → command-line
// flags), validated once at start and then passed explicitly; nothing reads
// it from a global.
package config

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

// Config is every setting of a gongkai process.
type Config struct {
	// DataDir holds the SQLite database (DataDir/gongkai.db) and, later,
	// attachments. Used when DatabaseURL is empty.
	DataDir string `json:"data"`
	// DatabaseURL selects PostgreSQL (postgres://user:pass@host/db). It is
	// a secret: Dump masks its password.
	DatabaseURL string `json:"database_url"`
	// Addr is the listen address of `gongkai serve`.
	Addr string `json:"addr"`
	// Level is the 等保 protection level the deployment is graded at: 2 or 3.
	// Level 3 switches on the level-3-only controls (second factor).
	Level int `json:"level"`
	// PasswordProfile is "dengbao" (等保: length ≥ 8, three of four
	// character classes, change every 90 days) or "asvs" (OWASP ASVS L2:
	// length ≥ 12, no composition rules, no forced rotation).
	PasswordProfile string `json:"password_profile"`
	// RequireTOTP makes a TOTP second factor mandatory for every staff
	// login (GB/T 22239-2019 8.1.4.1 d). It must be on at level 3.
	RequireTOTP bool `json:"require_totp"`
	// LockoutThreshold is the number of consecutive failed logins that
	// lock an account (GB/T 22239-2019 8.1.4.1 b).
	LockoutThreshold int `json:"lockout_threshold"`
	// LockoutDuration is how long a locked account stays locked.
	LockoutDuration Duration `json:"lockout_duration"`
	// SessionIdleTimeout ends a back-office session after this much
	// inactivity (at most 30 minutes, ASVS 3.3.2 / 等保 测评 practice).
	SessionIdleTimeout Duration `json:"session_idle_timeout"`
	// AccountInactiveAfter refuses the login of a staff account that has
	// not signed in (nor had its password set or reset) for this long,
	// until an administrator resets its password (GB/T 22239-2019
	// 8.1.4.2 c: 多余的、过期的账户应及时删除或停用). 0 turns it off.
	AccountInactiveAfter Duration `json:"account_inactive_after"`
	// LogFormat is "json" or "text".
	LogFormat string `json:"log_format"`
	// TrustedProxies lists the proxy IPs whose X-Forwarded-For is believed.
	TrustedProxies []string `json:"trusted_proxies"`
	// HTTPS says the site is reached over HTTPS through a TLS-terminating
	// proxy (listed in TrustedProxies): Secure __Host- cookies, HSTS,
	// plain-HTTP requests redirected or refused (serve --https).
	HTTPS bool `json:"https"`
	// AdminAllow, when not empty, admits to the back office and /metrics
	// only clients in these networks: CIDR prefixes or single addresses
	// (SECURITY.md E-IP-03; serve --admin-allow). AdminNetworks parses it.
	AdminAllow []string `json:"admin_allow"`
	// PIIKeyFile is the file holding the key that seals applicants'
	// personal data (package pii); empty means DataDir/pii.key. The key
	// itself never sits in the config file (SECURITY.md C-05): it comes
	// from GONGKAI_PII_KEY or a key file only, and GONGKAI_PII_KEY wins.
	PIIKeyFile string `json:"pii_key_file"`
	// AuditKeyFile is the file holding the audit chain's HMAC-SM3 key
	// (package audit, 64 hex digits); empty means DataDir/audit.key, and
	// a relative name is taken in DataDir. Created on first start.
	AuditKeyFile string `json:"audit_key_file"`
	// AuditSyslog, when set, sends every audit checkpoint to syslog too:
	// "local" (the local syslog daemon) or "udp:HOST:PORT" /
	// "tcp:HOST:PORT". The checkpoint file in DataDir is always written.
	AuditSyslog string `json:"audit_syslog"`
	// BlobURL is where attachments are stored, sealed (package blob):
	// empty means the directory DataDir/blobs (beside the SQLite file);
	// file:///abs/dir another local directory; s3://bucket?region=…&
	// endpoint=…&use_path_style=true S3-compatible object storage, with
	// credentials from the AWS_* variables, never from this file.
	BlobURL string `json:"blob_url"`
	// UploadSlots is how many uploads run at once, server-wide (more
	// wait, then get 503); 0 means twice the CPUs, at least 4.
	UploadSlots int `json:"upload_slots"`
	// UploadMiBPerHour is how many MiB of uploads one address (an IPv6
	// /64) may send an hour (more get 429); 0 means 400, -1 no limit.
	UploadMiBPerHour int `json:"upload_mib_per_hour"`
	// PublicURL is the public site's base URL (https://gk.example.gov.cn),
	// used in links sent by e-mail; empty means http:// and the served
	// address.
	PublicURL string `json:"public_url"`

	// SMTPAddr is the host:port of the SMTP relay that sends applicants
	// copies of their notices; empty (the default) turns e-mail off.
	SMTPAddr string `json:"smtp_addr"`
	// SMTPFrom is the sender address of those mails.
	SMTPFrom string `json:"smtp_from"`
	// SMTPUsername logs in to the relay (AUTH PLAIN); empty: no login.
	SMTPUsername string `json:"smtp_username"`
	// SMTPPassword is a secret: it comes from GONGKAI_SMTP_PASSWORD only,
	// never from the config file (which is refused with it), and Dump
	// masks it. SMTPPasswordFile is the alternative.
	SMTPPassword string `json:"-"`
	// SMTPPasswordFile names a file whose first line is the SMTP password.
	SMTPPasswordFile string `json:"smtp_password_file"`
	// SMTPStartTLS requires STARTTLS; nil means on unless the relay is on
	// a loopback address (MailStartTLS).
	SMTPStartTLS *bool `json:"smtp_starttls,omitempty"`

	// inlineKeys are the settings of the config file that held key
	// material; Validate refuses to start with any.
	inlineKeys []string
	// inlineSecrets are the settings of the config file that held the
	// SMTP password; Validate refuses to start with any.
	inlineSecrets []string
}

// Default returns the built-in defaults: SQLite in ./data, 等保 level 2,
// the 等保 password profile, lockout after 5 failures for 15 minutes, a
// 30-minute idle timeout.
func Default() Config {
	return Config{
		DataDir:            "./data",
		Addr:               "127.0.0.1:8080",
		Level:              2,
		PasswordProfile:    "dengbao",
		LockoutThreshold:   5,
		LockoutDuration:    Duration(15 * time.Minute),
		SessionIdleTimeout: Duration(30 * time.Minute),
		// 90 days: common 测评 practice (SECURITY.md E-AC-03 b).
		AccountInactiveAfter: Duration(90 * 24 * time.Hour),
		LogFormat:            "json",
	}
}

// Load returns the defaults overlaid with the JSON file at path (skipped
// when path is empty; GONGKAI_CONFIG names it otherwise) and then with the
// GONGKAI_* variables found by lookupEnv (os.LookupEnv in production). It
// does not validate: apply flags with Set, then call Validate.
func Load(path string, lookupEnv func(string) (string, bool)) (Config, error) {
	c := Default()
	if lookupEnv == nil {
		lookupEnv = func(string) (string, bool) { return "", false }
	}
	if path == "" {
		path, _ = lookupEnv("GONGKAI_CONFIG")
	}
	if path != "" {
		if err := c.loadFile(path); err != nil {
			return c, err
		}
	}
	if err := c.loadEnv(lookupEnv); err != nil {
		return c, err
	}
	return c, nil
}

func (c *Config) loadFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "config.read", fmt.Errorf("config: read %s: %w", path, err), path)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return apperr.Wrap(apperr.Invalid, "config.json", fmt.Errorf("config: parse %s: %w", path, err), path)
	}
	_, hasData := probe["data"]
	_, hasURL := probe["database_url"]
	if hasData && hasURL {
		return apperr.New(apperr.Invalid, "config.data_or_url")
	}
	if hasData {
		c.DatabaseURL = ""
	}
	c.inlineKeys = settingsNamed(probe, keySettings)
	c.inlineSecrets = settingsNamed(probe, secretSettings)
	if len(c.inlineKeys)+len(c.inlineSecrets) > 0 {
		for _, k := range slices.Concat(c.inlineKeys, c.inlineSecrets) {
			delete(probe, k)
		}
		// The rest is still decoded strictly; Validate reports the keys.
		if b, err = json.Marshal(probe); err != nil {
			return fmt.Errorf("config: %s: %w", path, err)
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return apperr.Wrap(apperr.Invalid, "config.unknown_in_file", fmt.Errorf("config: decode %s: %w", path, err), path)
	}
	return nil
}

func (c *Config) loadEnv(lookupEnv func(string) (string, bool)) error {
	data, _ := lookupEnv("GONGKAI_DATA")
	dbURL, _ := lookupEnv("GONGKAI_DATABASE_URL")
	if data != "" && dbURL != "" {
		return apperr.New(apperr.Invalid, "config.env_data_or_url")
	}
	for _, f := range c.fields() {
		v, ok := lookupEnv(f.env)
		if !ok || v == "" {
			continue // an empty variable counts as unset
		}
		if err := c.Set(f.key, v); err != nil {
			return fmt.Errorf("config: %s: %w", f.env, err)
		}
	}
	return nil
}

// Set assigns one setting by its key (the JSON name, also the flag name
// with "_" written as "-"). Setting "data" clears DatabaseURL, so a later
// layer that names a data directory wins over an earlier database URL.
func (c *Config) Set(key, value string) error {
	key = strings.ReplaceAll(key, "-", "_")
	for _, f := range c.fields() {
		if f.key != key {
			continue
		}
		if err := f.set(value); err != nil {
			return apperr.Wrap(apperr.Invalid, "config.value", fmt.Errorf("config: set %s: %w", key, err), key, value)
		}
		if key == "data" {
			c.DatabaseURL = ""
		}
		return nil
	}
	return apperr.New(apperr.Invalid, "config.unknown", key)
}

// Validate checks the whole configuration and returns the first problem,
// as an apperr.Invalid error with a message for the operator.
func (c *Config) Validate() error {
	var errs []apperr.Msg
	if c.DatabaseURL == "" && strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, apperr.M("config.data_empty"))
	}
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, apperr.M("config.database_url"))
		}
	}
	if c.Level != 2 && c.Level != 3 {
		errs = append(errs, apperr.M("config.level"))
	}
	if c.Level == 3 && !c.RequireTOTP {
		// SECURITY.md §0.1: claiming level 3 with a level-3 control off
		// must refuse to start.
		errs = append(errs, apperr.M("config.level3_totp"))
	}
	if c.PasswordProfile != "dengbao" && c.PasswordProfile != "asvs" {
		errs = append(errs, apperr.M("config.password_profile"))
	}
	if c.UploadSlots < 0 || c.UploadSlots > 1024 || c.UploadMiBPerHour < -1 {
		errs = append(errs, apperr.M("config.uploads"))
	}
	if c.LockoutThreshold < 1 || c.LockoutThreshold > 100 {
		errs = append(errs, apperr.M("config.lockout_threshold"))
	}
	if c.LockoutDuration.D() < time.Minute {
		errs = append(errs, apperr.M("config.lockout_duration"))
	}
	if d := c.SessionIdleTimeout.D(); d < time.Minute || d > 30*time.Minute {
		errs = append(errs, apperr.M("config.session_idle_timeout"))
	}
	if d := c.AccountInactiveAfter.D(); d != 0 && d < 24*time.Hour {
		errs = append(errs, apperr.M("config.account_inactive_after"))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		errs = append(errs, apperr.M("config.log_format"))
	}
	if _, bad := c.adminNetworks(); bad != "" {
		errs = append(errs, apperr.M("config.admin_allow", bad))
	}
	if c.HTTPS && len(c.TrustedProxies) == 0 {
		errs = append(errs, apperr.M("config.https_proxies"))
	}
	errs = append(errs, c.validateKeys()...)
	if a := c.AuditSyslog; a != "" && a != "local" && !strings.HasPrefix(a, "udp:") && !strings.HasPrefix(a, "tcp:") {
		errs = append(errs, apperr.M("config.audit_syslog"))
	}
	errs = append(errs, c.validateMail()...)
	if len(errs) > 0 {
		return apperr.New(apperr.Invalid, "config.invalid", errs)
	}
	return nil
}

// AdminNetworks parses AdminAllow: each entry a CIDR prefix or a single
// address (a /32 or /128 network). The error names the first entry that
// is neither.
func (c Config) AdminNetworks() ([]netip.Prefix, error) {
	out, bad := c.adminNetworks()
	if bad != "" {
		return nil, apperr.New(apperr.Invalid, "config.admin_allow", bad)
	}
	return out, nil
}

// adminNetworks parses AdminAllow and returns the first entry that is
// neither a prefix nor an address, if any.
func (c Config) adminNetworks() ([]netip.Prefix, string) {
	var out []netip.Prefix
	for _, s := range c.AdminAllow {
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, s
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, ""
}

// UsesPostgres reports whether the configuration selects PostgreSQL.
func (c Config) UsesPostgres() bool { return c.DatabaseURL != "" }

// SQLitePath returns the SQLite database file, DataDir/gongkai.db.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "gongkai.db") }

// AuditKeyPath returns the audit key file: AuditKeyFile (a relative
// name taken in DataDir) or DataDir/audit.key.
func (c Config) AuditKeyPath() string {
	switch {
	case c.AuditKeyFile == "":
		return filepath.Join(c.DataDir, "audit.key")
	case filepath.IsAbs(c.AuditKeyFile):
		return c.AuditKeyFile
	}
	return filepath.Join(c.DataDir, c.AuditKeyFile)
}

// AuditCheckpointPath returns the append-only file of audit checkpoints,
// DataDir/audit.checkpoints.
func (c Config) AuditCheckpointPath() string { return filepath.Join(c.DataDir, "audit.checkpoints") }

// PIIKeyPath returns the key file the configuration names: PIIKeyFile, or
// pii.key in the data directory. GONGKAI_PII_KEY and GONGKAI_PII_KEY_FILE
// in the environment still come first (pii.Locate says which applies).
func (c Config) PIIKeyPath() string {
	if c.PIIKeyFile != "" {
		// A relative name is taken in the data directory, never the
		// working directory (#10 item 2).
		if !filepath.IsAbs(c.PIIKeyFile) {
			return filepath.Join(c.DataDir, c.PIIKeyFile)
		}
		return c.PIIKeyFile
	}
	return filepath.Join(c.DataDir, "pii.key")
}
