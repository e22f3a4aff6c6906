package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/keycheck"
)

// KeyCheck returns the check value kept under name (keycheck.PII,
// keycheck.Audit) and whether there is one.
func (s *Store) KeyCheck(ctx context.Context, name string) (keycheck.Value, bool, error) {
	var v keycheck.Value
	err := s.queryRow(ctx, "SELECT key_id, mac FROM key_checks WHERE name = ?", name).Scan(&v.KeyID, &v.MAC)
	if errors.Is(err, sql.ErrNoRows) {
		return v, false, nil
	}
	if err != nil {
		return v, false, s.mapErr("read key check", err)
	}
	return v, true, nil
}

// PutKeyCheck keeps v under name, replacing the value there (a finished
// key rotation).
func (s *Store) PutKeyCheck(ctx context.Context, name string, v keycheck.Value, at time.Time) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, "DELETE FROM key_checks WHERE name = ?", name); err != nil {
			return s.mapErr("put key check", err)
		}
		_, err := s.exec(ctx, "INSERT INTO key_checks (name, key_id, mac, created_at) VALUES (?, ?, ?, ?)",
			name, v.KeyID, v.MAC, s.d.t(at))
		return s.mapErr("put key check", err)
	})
}

// sealedColumns are the columns that hold values sealed with the
// personal-data key ("sm4gcm:KEYID:…", package pii) as text.
var sealedColumns = []struct{ table, column string }{
	{"requests", "id_number_enc"},
	{"requests", "phone_enc"},
	{"requests", "address_enc"},
	{"requests", "email_enc"},
	{"public_accounts", "login_enc"},
	{"users", "totp_secret"},
}

// SealedSample returns one value sealed with the personal-data key, if
// the database holds any, so that a missing key is noticed before a new
// one is made. Attachments are sealed too but always belong to a request
// whose applicant fields are.
func (s *Store) SealedSample(ctx context.Context) (string, bool, error) {
	for _, c := range sealedColumns {
		var v string
		err := s.queryRow(ctx, "SELECT "+c.column+" FROM "+c.table+" WHERE substr("+c.column+", 1, 7) = 'sm4gcm:' LIMIT 1").Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return "", false, s.mapErr("find sealed value", err)
		}
		return v, true, nil
	}
	return "", false, nil
}
