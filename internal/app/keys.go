package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/keycheck"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// EnvAuditKey holds the audit key itself (64 hex digits), before
// audit_key_file and DATA/audit.key.
const EnvAuditKey = "GONGKAI_AUDIT_KEY"

// KeyDir is the directory key files are looked for in: beside the SQLite
// file, or the data directory on PostgreSQL.
func KeyDir(st *sqlstore.Store, cfg config.Config) string {
	if st.Dialect() == "sqlite" {
		return filepath.Dir(st.Where())
	}
	return cfg.DataDir
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// LoadPIIKeys returns the personal-data keyring of the configuration
// (GONGKAI_PII_KEY, the file of GONGKAI_PII_KEY_FILE or pii_key_file, else
// pii.key in the key directory) checked against the key check value in
// the database (#10 item 2):
//
//   - the default key file is created only when the database has neither
//     a check value nor any sealed value; otherwise a missing key refuses
//     the start and names the key id the data needs;
//   - a key that does not match the check value refuses the start too;
//   - a database without a check value (sealed before this check existed)
//     gets one once a sealed value opens with the key.
//
// While a `gongkai keys rotate` is unfinished (KEYFILE.next exists) it
// refuses too, naming the command that finishes it.
func LoadPIIKeys(ctx context.Context, st *sqlstore.Store, cfg config.Config, lookup func(string) (string, bool), now time.Time) (*pii.Keyring, error) {
	return loadPIIKeys(ctx, st, cfg, lookup, now, nil)
}

// loadPIIKeys is LoadPIIKeys; next, during a rotation, is the new key,
// whose check value is accepted too.
func loadPIIKeys(ctx context.Context, st *sqlstore.Store, cfg config.Config, lookup func(string) (string, bool), now time.Time, next *pii.Key) (*pii.Keyring, error) {
	dir := KeyDir(st, cfg)
	src := pii.Locate(lookup, cfg.PIIKeyFile, dir)
	if src.Path != "" && next == nil {
		if _, err := os.Stat(src.Path + pii.NextSuffix); err == nil {
			return nil, apperr.New(apperr.Invalid, "keys.rotating", src.Path+pii.NextSuffix)
		}
	}
	check, hasCheck, err := st.KeyCheck(ctx, keycheck.PII)
	if err != nil {
		return nil, err
	}
	kr, err := pii.LoadFrom(lookup, cfg.PIIKeyFile, dir, false)
	if errors.Is(err, fs.ErrNotExist) {
		need := ""
		if hasCheck {
			need = check.KeyID
		} else if sample, ok, serr := st.SealedSample(ctx); serr != nil {
			return nil, serr
		} else if ok {
			need = pii.SealedKeyID(sample)
		}
		if need != "" || !src.Default {
			if need == "" {
				need = "?"
			}
			return nil, missingKey(apperr.Key("keys.pii"), need, abs(src.Path), err)
		}
		if kr, err = pii.LoadFrom(lookup, cfg.PIIKeyFile, dir, true); err != nil {
			return nil, fmt.Errorf("app: personal-data key: %w", err)
		}
		return kr, st.PutKeyCheck(ctx, keycheck.PII, kr.Check(), now)
	}
	if err != nil {
		return nil, fmt.Errorf("app: personal-data key: %w", err)
	}
	if hasCheck {
		if !kr.Holds(check) && (next == nil || check != next.Check()) {
			return nil, wrongKey(apperr.Key("keys.pii"), check.KeyID, strings.Join(kr.IDs(), ", "), src.String())
		}
		return kr, nil
	}
	if sample, ok, err := st.SealedSample(ctx); err != nil {
		return nil, err
	} else if ok {
		if _, err := kr.Open(sample); err != nil {
			return nil, wrongKey(apperr.Key("keys.pii"), pii.SealedKeyID(sample), strings.Join(kr.IDs(), ", "), src.String())
		}
	}
	return kr, st.PutKeyCheck(ctx, keycheck.PII, kr.Check(), now)
}

// LoadAuditKey returns the audit chain's key (GONGKAI_AUDIT_KEY, else the
// file audit_key_file or audit.key in the key directory), checked against
// the database's check value like LoadPIIKeys. The key file is created
// only while the database has no audit check value.
func LoadAuditKey(ctx context.Context, st *sqlstore.Store, cfg config.Config, lookup func(string) (string, bool), now time.Time) (*audit.Key, error) {
	check, hasCheck, err := st.KeyCheck(ctx, keycheck.Audit)
	if err != nil {
		return nil, err
	}
	var k *audit.Key
	where := ""
	if v, ok := lookup(EnvAuditKey); ok && strings.TrimSpace(v) != "" {
		where = "环境变量 / environment variable " + EnvAuditKey
		if k, err = audit.ParseKey(v); err != nil {
			return nil, fmt.Errorf("app: %s: %w", EnvAuditKey, err)
		}
	} else {
		path := AuditKeyPath(st, cfg)
		where = path
		k, err = audit.ReadKeyFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist) && hasCheck:
			return nil, missingKey(apperr.Key("keys.audit"), check.KeyID, abs(path), err)
		case errors.Is(err, fs.ErrNotExist):
			var text string
			if k, text, err = audit.GenerateKey(); err != nil {
				return nil, err
			}
			if err := audit.WriteKeyFile(path, text); err != nil {
				return nil, err
			}
		case err != nil:
			return nil, fmt.Errorf("app: audit key: %w", err)
		}
	}
	if hasCheck {
		if check != k.Check() {
			return nil, wrongKey(apperr.Key("keys.audit"), check.KeyID, k.ID, where)
		}
		return k, nil
	}
	return k, st.PutKeyCheck(ctx, keycheck.Audit, k.Check(), now)
}

// AuditKeyPath is the audit key file: audit_key_file (relative names in
// the key directory) or KeyDir/audit.key.
func AuditKeyPath(st *sqlstore.Store, cfg config.Config) string {
	c := cfg
	c.DataDir = KeyDir(st, cfg)
	return c.AuditKeyPath()
}

// CheckpointPath is the audit checkpoint file, in the key directory.
func CheckpointPath(st *sqlstore.Store, cfg config.Config) string {
	return filepath.Join(KeyDir(st, cfg), audit.DefaultCheckpointFile)
}

// missingKey refuses to start without the key the data needs; what is
// the key's name (keys.pii or keys.audit).
func missingKey(what apperr.Key, id, where string, err error) error {
	return apperr.Wrap(apperr.Invalid, "keys.missing", err, what, id, where)
}

// wrongKey refuses to start with a key other than the one the data needs.
func wrongKey(what apperr.Key, need, have, where string) error {
	return apperr.New(apperr.Invalid, "keys.wrong", what, need, where, have)
}
