package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/keycheck"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// A Rotation reports a finished personal-data key rotation.
type Rotation struct {
	OldID, NewID string
	Resealed     int // rows written under the new key
	Retired      string
}

// RotatePIIKey replaces the personal-data key (`gongkai keys rotate`,
// #10 item 2). The server must be stopped. It
//
//  1. writes a new key to KEYFILE.next (or takes the one a crashed
//     rotation left there), while the server refuses to start;
//  2. re-seals every sealed value and recomputes every blind index under
//     the new key, batch rows at a time, each batch in one transaction
//     (rows already under the new key are skipped, so a rotation that
//     stopped half way resumes); old keys stay readable throughout;
//  3. copies the old key to KEYFILE.OLDID.retired (still loaded for
//     opening: attachments in the blob store, old backups), records the
//     new key's check value and renames KEYFILE.next over KEYFILE.
//
// The key must come from a file (not GONGKAI_PII_KEY).
func RotatePIIKey(ctx context.Context, st *sqlstore.Store, cfg config.Config, lookup func(string) (string, bool), batch int, log *audit.Log, progress io.Writer) (Rotation, error) {
	var rot Rotation
	if batch <= 0 {
		batch = 500
	}
	src := pii.Locate(lookup, cfg.PIIKeyFile, KeyDir(st, cfg))
	if src.Path == "" {
		return rot, apperr.New(apperr.Invalid, "keys.env_key")
	}
	next := src.Path + pii.NextSuffix
	newKey, err := readOrMakeNext(next)
	if err != nil {
		return rot, err
	}
	old, err := loadPIIKeys(ctx, st, cfg, lookup, time.Now(), newKey)
	if err != nil {
		return rot, err
	}
	rot.OldID, rot.NewID = old.KeyID(), newKey.ID
	kr := old.WithPrimary(newKey)
	for _, t := range sqlstore.SealedTables {
		n, err := resealTable(ctx, st, t, kr, batch)
		rot.Resealed += n
		if err != nil {
			return rot, fmt.Errorf("app: rotate %s: %w", t.Table, err)
		}
		fmt.Fprintf(progress, "%s: %d 行已重新加密 / rows re-sealed\n", t.Table, n)
	}
	if rot.OldID != rot.NewID {
		rot.Retired = fmt.Sprintf("%s.%s%s", src.Path, rot.OldID, pii.RetiredSuffix)
		if err := copyKeyFile(src.Path, rot.Retired); err != nil {
			return rot, err
		}
	}
	if err := st.PutKeyCheck(ctx, keycheck.PII, newKey.Check(), time.Now()); err != nil {
		return rot, err
	}
	if err := os.Rename(next, src.Path); err != nil {
		return rot, fmt.Errorf("app: rotate: %w", err)
	}
	syncDir(filepath.Dir(src.Path))
	err = log.Record(ctx, audit.CLI.Event("keys.rotate", "key", 0, audit.ResultOK,
		fmt.Sprintf("personal-data key %s -> %s, rows=%d", rot.OldID, rot.NewID, rot.Resealed)))
	return rot, err
}

// readOrMakeNext returns the key in path, writing a new one there first
// when there is none.
func readOrMakeNext(path string) (*pii.Key, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		k, text, err := pii.GenerateKey()
		if err != nil {
			return nil, err
		}
		if err := writeNewFile(path, text+"\n", 0o400); err != nil {
			return nil, err
		}
		return k, nil
	}
	if err != nil {
		return nil, fmt.Errorf("app: rotate: %w", err)
	}
	return pii.ParseKey(string(b))
}

// resealTable re-seals the rows of t not yet under kr's primary key and
// returns how many it wrote.
func resealTable(ctx context.Context, st *sqlstore.Store, t sqlstore.SealedTable, kr *pii.Keyring, batch int) (int, error) {
	total := 0
	var after int64
	for {
		rows, err := st.SealedRows(ctx, t, after, batch)
		if err != nil {
			return total, err
		}
		var changed []sqlstore.SealedRow
		for _, r := range rows {
			after = r.ID
			ok, err := reseal(t, r, kr)
			if err != nil {
				return total, fmt.Errorf("row %d: %w", r.ID, err)
			}
			if ok {
				changed = append(changed, r)
			}
		}
		if len(changed) > 0 {
			if err := st.UpdateSealedRows(ctx, t, changed); err != nil {
				return total, err
			}
			total += len(changed)
		}
		if len(rows) < batch {
			return total, nil
		}
	}
}

// reseal rewrites r's values under kr's primary key and reports whether
// any was under another key.
func reseal(t sqlstore.SealedTable, r sqlstore.SealedRow, kr *pii.Keyring) (bool, error) {
	changed := false
	plain := map[string]string{}
	for _, c := range t.Sealed {
		v := r.Values[c]
		if v == "" || pii.SealedKeyID(v) == "" {
			plain[c] = v // empty, or a legacy clear value (TOTP)
			continue
		}
		p, err := kr.Open(v)
		if err != nil {
			return false, err
		}
		plain[c] = p
		if pii.SealedKeyID(v) == kr.KeyID() {
			continue
		}
		if r.Values[c], err = kr.Seal(p); err != nil {
			return false, err
		}
		changed = true
	}
	if t.Binary != "" {
		v := []byte(r.Values[t.Binary])
		if id := pii.SealedKeyID(string(v[:min(len(v), 64)])); id != "" && id != kr.KeyID() {
			p, err := kr.OpenBytes(v)
			if err != nil {
				return false, err
			}
			out, err := kr.SealBytes(p)
			if err != nil {
				return false, err
			}
			r.Values[t.Binary] = string(out)
			changed = true
		}
	}
	if changed && t.Blind != "" {
		switch t.Table {
		case "requests":
			r.Values[t.Blind] = kr.BlindIndex(request.Applicant{Name: r.Values["applicant_name"], ID: plain["id_number_enc"]}.Key())
		case "public_accounts":
			r.Values[t.Blind] = kr.BlindIndex(publicuser.LoginBlindInput(plain["login_enc"]))
		default:
			return false, fmt.Errorf("no blind index rule for %s", t.Table)
		}
	}
	return changed, nil
}

func copyKeyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("app: rotate: %w", err)
	}
	if err := writeNewFile(to, string(b), 0o400); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// writeNewFile creates path (which must not exist) with text, synced.
func writeNewFile(path, text string, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("app: write %s: %w", path, err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("app: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("app: write %s: %w", path, err)
	}
	return f.Close()
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
