package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/publicuser"
)

var _ publicuser.Store = (*Store)(nil)

const publicAccountCols = `id, login_key, login_enc, display_name, password_hash, password_changed_at,
	failed_logins, locked_until, created_at, last_login_at`

func scanPublicAccount(sc interface{ Scan(...any) error }) (publicuser.Account, error) {
	var a publicuser.Account
	err := sc.Scan(&a.ID, &a.LoginKey, &a.LoginEnc, &a.DisplayName, &a.PasswordHash, dbTime{&a.PasswordChangedAt},
		&a.FailedLogins, dbTime{&a.LockedUntil}, dbTime{&a.CreatedAt}, dbTime{&a.LastLoginAt})
	return a, err
}

const msgNoPublicAccount = "public.account_not_found"

// CreatePublicAccount implements publicuser.Store; a login (blind index)
// taken already is apperr.Conflict.
func (s *Store) CreatePublicAccount(ctx context.Context, a publicuser.Account) (publicuser.Account, error) {
	if err := needTime("create public account", "CreatedAt", a.CreatedAt); err != nil {
		return a, err
	}
	if a.PasswordChangedAt.IsZero() {
		a.PasswordChangedAt = a.CreatedAt
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	a.PasswordChangedAt = a.PasswordChangedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, `INSERT INTO public_accounts (login_key, login_enc, display_name, password_hash,
		password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		a.LoginKey, a.LoginEnc, a.DisplayName, a.PasswordHash, s.d.t(a.PasswordChangedAt), s.d.t(a.CreatedAt)).Scan(&a.ID)
	return a, s.mapErr("create public account", err)
}

// PublicAccount implements publicuser.Store.
func (s *Store) PublicAccount(ctx context.Context, id int64) (publicuser.Account, error) {
	a, err := scanPublicAccount(s.queryRow(ctx, "SELECT "+publicAccountCols+" FROM public_accounts WHERE id = ?", id))
	if err != nil {
		return a, s.notFound("get public account", msgNoPublicAccount, err)
	}
	return a, nil
}

// PublicAccountByLoginKey implements publicuser.Store.
func (s *Store) PublicAccountByLoginKey(ctx context.Context, key string) (publicuser.Account, error) {
	a, err := scanPublicAccount(s.queryRow(ctx, "SELECT "+publicAccountCols+" FROM public_accounts WHERE login_key = ?", key))
	if err != nil {
		return a, s.notFound("get public account by login", msgNoPublicAccount, err)
	}
	return a, nil
}

// RecordPublicLoginFailure implements publicuser.Store: one failure of
// account id from source, counted atomically, as RecordLoginFailure does
// for staff.
func (s *Store) RecordPublicLoginFailure(ctx context.Context, id int64, source string, threshold int, lockUntil time.Time) (int, time.Time, error) {
	return s.recordSourceFailure(ctx, lockPublic, "public_accounts", "record public login failure", id, source, threshold, lockUntil)
}

// publicUpdate runs an UPDATE of public_accounts; apperr.NotFound when it
// touched no row.
func (s *Store) publicUpdate(ctx context.Context, op, q string, args ...any) error {
	return s.execOne(ctx, op, msgNoPublicAccount, q, args...)
}

// RecordPublicLoginSuccess implements publicuser.Store.
func (s *Store) RecordPublicLoginSuccess(ctx context.Context, id int64, source string, at time.Time) error {
	if err := s.clearSource(ctx, lockPublic, id, source); err != nil {
		return err
	}
	return s.publicUpdate(ctx, "record public login", `UPDATE public_accounts SET failed_logins = 0,
		last_login_at = ? WHERE id = ?`, s.d.t(at), id)
}

// SetPublicPassword implements publicuser.Store.
func (s *Store) SetPublicPassword(ctx context.Context, id int64, hash string, at time.Time) error {
	if err := needTime("set public password", "at", at); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.clearSources(ctx, lockPublic, id); err != nil {
			return err
		}
		return s.publicUpdate(ctx, "set public password", `UPDATE public_accounts SET password_hash = ?,
		password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?`, hash, s.d.t(at), id)
	})
}
