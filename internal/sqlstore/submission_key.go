package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
)

// SubmissionKey implements casework.Store.
func (s *Store) SubmissionKey(ctx context.Context, keyHash string) (casework.SubmissionKey, error) {
	k := casework.SubmissionKey{KeyHash: keyHash}
	err := s.queryRow(ctx, `SELECT digest, request_id, sealed_code, created_at FROM submission_keys WHERE key_hash = ?`, keyHash).
		Scan(&k.Digest, &k.RequestID, &k.SealedCode, dbTime{&k.CreatedAt})
	if err != nil {
		return k, s.notFound("submission key", "receipt.expired", err)
	}
	return k, nil
}

// AddSubmissionKey implements casework.Store.
func (s *Store) AddSubmissionKey(ctx context.Context, k casework.SubmissionKey) error {
	if err := needTime("add submission key", "CreatedAt", k.CreatedAt); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO submission_keys (key_hash, digest, request_id, sealed_code, created_at) VALUES (?, ?, ?, ?, ?)`,
		k.KeyHash, k.Digest, k.RequestID, k.SealedCode, s.d.t(k.CreatedAt))
	return s.mapErr("add submission key", err)
}

// DeleteSubmissionKeys implements casework.Store.
func (s *Store) DeleteSubmissionKeys(ctx context.Context, before time.Time) error {
	_, err := s.exec(ctx, `DELETE FROM submission_keys WHERE created_at < ?`, s.d.t(before))
	return s.mapErr("delete submission keys", err)
}
