package apitoken

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

// A Service issues, lists, revokes and checks API tokens. Issuing and
// revoking are recorded in the audit log in the same transaction as the
// change. Callers check auth.Can(subject, auth.SettingsManage, 0) first
// (the 系统管理员 manages integrations); the command line is trusted.
type Service struct {
	Store Store
	Tx    audit.TxRunner
	Audit *audit.Log
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// TxStore is a Store that can run transactions; *sqlstore.Store is one.
type TxStore interface {
	Store
	audit.TxRunner
}

// NewService returns a Service on st writing to log. It refuses a nil
// dependency, so a wiring mistake fails at start-up; Now is optional.
func NewService(st TxStore, log *audit.Log) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("apitoken.NewService: nil Store")
	case log == nil:
		return nil, errors.New("apitoken.NewService: nil audit.Log")
	}
	return &Service{Store: st, Tx: st, Audit: log}, nil
}

// MaxNameLen is the longest integration name accepted, in characters.
const MaxNameLen = 100

// TouchEvery is how stale a token's LastUsedAt may get before a call
// updates it: often enough to tell a live integration from a dead one,
// rarely enough that API reads do not each become a database write.
const TouchEvery = time.Minute

// ErrInvalid is what Authenticate returns for a missing, unknown or
// revoked token: all look the same to the caller.
var ErrInvalid = apperr.New(apperr.Unauthenticated, "token.invalid")

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Issue creates a token named name for agency agencyID and records
// api.token.create (with the name, never the secret). It returns the
// stored token and the secret, which the caller shows once.
func (s *Service) Issue(ctx context.Context, by audit.Actor, name string, agencyID int64) (Token, string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return Token{}, "", apperr.New(apperr.Invalid, "token.name_required")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return Token{}, "", apperr.New(apperr.Invalid, "token.name_too_long", MaxNameLen)
	case agencyID <= 0:
		return Token{}, "", apperr.New(apperr.Invalid, "agency.not_found")
	}
	secret, hash := NewSecret()
	var out Token
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		out, err = s.Store.CreateAPIToken(ctx, Token{Name: name, AgencyID: agencyID, Hash: hash, CreatedAt: s.now()})
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event(ActCreate, "api_token", out.ID, audit.ResultOK, out.Name))
	})
	if err != nil {
		return Token{}, "", err
	}
	return out, secret, nil
}

// List returns every token, newest first.
func (s *Service) List(ctx context.Context) ([]Token, error) {
	return s.Store.ListAPITokens(ctx)
}

// Revoke revokes token id and records api.token.revoke; the API refuses
// the token from the next call. An unknown or already revoked token is an
// apperr.NotFound error.
func (s *Service) Revoke(ctx context.Context, by audit.Actor, id int64) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.RevokeAPIToken(ctx, id, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event(ActRevoke, "api_token", id, audit.ResultOK, ""))
	})
}

// Authenticate returns the valid token whose secret is secret, updating
// its LastUsedAt when older than TouchEvery. A missing, malformed, unknown
// or revoked secret gives ErrInvalid; other errors are the store's.
func (s *Service) Authenticate(ctx context.Context, secret string) (Token, error) {
	if !strings.HasPrefix(secret, Prefix) {
		return Token{}, ErrInvalid
	}
	hash := Hash(secret)
	t, err := s.Store.APITokenByHash(ctx, hash)
	if errors.Is(err, apperr.NotFound) {
		return Token{}, ErrInvalid
	}
	if err != nil {
		return Token{}, err
	}
	if t.Revoked() || subtle.ConstantTimeCompare([]byte(t.Hash), []byte(hash)) != 1 {
		return Token{}, ErrInvalid
	}
	if now := s.now(); now.Sub(t.LastUsedAt) >= TouchEvery {
		if err := s.Store.TouchAPIToken(ctx, t.ID, now); err != nil {
			return Token{}, err
		}
		t.LastUsedAt = now
	}
	return t, nil
}
