package config

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
)

// keySettings are the names under which a personal-data key might be
// written into the config file (lower case, without a gongkai_ prefix).
// None is a setting: SECURITY.md C-05 (a data-encryption key found in the
// main config file is refused at start) and 个人信息保护法第五十一条.
var keySettings = map[string]bool{
	"pii_key": true, "pii_keys": true, "pii_old_keys": true, "pii_key_hex": true, "pii_key_base64": true,
	"data_key": true, "personal_data_key": true, "sm4_key": true, "encryption_key": true,
}

// settingsNamed returns the top-level settings of a config file whose
// names (lower case, without a gongkai_ prefix) are in names, in the
// file's spelling: the personal-data keys and SMTP passwords it must not
// hold.
func settingsNamed(probe map[string]json.RawMessage, names map[string]bool) []string {
	var out []string
	for k := range probe {
		if names[strings.TrimPrefix(strings.ToLower(k), "gongkai_")] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// looksLikeKey reports whether s is written like a personal-data key (32
// hex digits or base64 of 16 bytes, what package pii reads) rather than a
// file name.
func looksLikeKey(s string) bool {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == 16 {
		return true
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == 16 {
			return true
		}
	}
	return false
}

// validateKeys refuses a personal-data key written into the configuration
// (SECURITY.md C-05): keys come from GONGKAI_PII_KEY or a key file only.
func (c *Config) validateKeys() []apperr.Msg {
	var errs []apperr.Msg
	if len(c.inlineKeys) > 0 {
		errs = append(errs, apperr.M("config.pii_key_inline", strings.Join(c.inlineKeys, ", ")))
	}
	if looksLikeKey(c.PIIKeyFile) {
		errs = append(errs, apperr.M("config.pii_key_file"))
	}
	return errs
}
