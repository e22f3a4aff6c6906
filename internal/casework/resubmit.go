package casework

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

// ResubmitWindow is how long a public application's key holds its receipt:
// a second identical submission with the same key within it shows the
// first receipt instead of filing again (a reload, a double click, a
// retry after a timeout), and the receipt page can be reloaded. After it
// the sealed query code is deleted with the key.
const ResubmitWindow = 15 * time.Minute

// A SubmissionKey is the stored record of a public application's
// idempotency key: the key's MAC, a MAC of what was filed, the request
// and its query code sealed under the personal-data key.
type SubmissionKey struct {
	KeyHash    string
	Digest     string
	RequestID  int64
	SealedCode string
	CreatedAt  time.Time
}

// submissionKeyStore is the part of Store that keeps submission keys.
type submissionKeyStore interface {
	// SubmissionKey returns the record of a key's MAC; none is
	// apperr.NotFound.
	SubmissionKey(ctx context.Context, keyHash string) (SubmissionKey, error)
	// AddSubmissionKey records k; a key recorded already is
	// apperr.Conflict.
	AddSubmissionKey(ctx context.Context, k SubmissionKey) error
	// DeleteSubmissionKeys deletes the keys recorded before t.
	DeleteSubmissionKeys(ctx context.Context, before time.Time) error
}

// MACs of submission keys and of the applications they filed (package
// pii): a copy of the database neither gives the keys nor lets anyone
// test guesses of an application.
const (
	submissionKeyMAC    = "submission-key"
	submissionDigestMAC = "submission-digest"
)

// NewSubmissionKey returns a fresh random key for an application form
// (128 bits, 32 hex digits).
func NewSubmissionKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails since Go 1.24 (it crashes the program instead)
	return hex.EncodeToString(b)
}

// ValidSubmissionKey reports whether key looks like one NewSubmissionKey
// made: 32 lower-case hex digits. Others are ignored (a new key is used).
func ValidSubmissionKey(key string) bool {
	if len(key) != 32 {
		return false
	}
	for _, c := range []byte(key) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// digest is the MAC of everything a submits: two submissions with the
// same digest are the same application.
func (s *Service) digest(a Application) string {
	files := make([]string, len(a.Files))
	for i, f := range a.Files {
		files[i] = f.Name + "\x00" + f.SHA256
	}
	b, _ := json.Marshal([]any{a.AgencyID, a.ApplicantType, a.Name, a.IDNumber, a.OtherDocument, a.Phone, a.Email, a.Address,
		a.Content, a.Form, a.Delivery, files}) // plain values: Marshal cannot fail
	return s.keys.MAC(submissionDigestMAC, string(b))
}

// earlier returns the receipt of an earlier submission of the same
// application (same digest) under key within ResubmitWindow, and whether
// there is one, in the caller's transaction.
func (s *Service) earlier(ctx context.Context, key, digest string) (Receipt, bool, error) {
	k, err := s.st.SubmissionKey(ctx, s.keys.MAC(submissionKeyMAC, key))
	switch {
	case errors.Is(err, apperr.NotFound):
		return Receipt{}, false, nil
	case err != nil:
		return Receipt{}, false, err
	case k.Digest != digest || s.now().Sub(k.CreatedAt) >= ResubmitWindow:
		return Receipt{}, false, nil
	}
	rc, err := s.receiptOf(ctx, k)
	if err != nil {
		return Receipt{}, false, err
	}
	rc.Key, rc.Repeated = key, true
	return rc, true, nil
}

// earlierTx is earlier in a transaction of its own.
func (s *Service) earlierTx(ctx context.Context, key, digest string) (rc Receipt, ok bool, err error) {
	err = s.tx(ctx, func(ctx context.Context) error {
		rc, ok, err = s.earlier(ctx, key, digest)
		return err
	})
	return rc, ok, err
}

// receiptOf rebuilds the receipt a key recorded.
func (s *Service) receiptOf(ctx context.Context, k SubmissionKey) (Receipt, error) {
	rec, err := s.st.Request(ctx, k.RequestID)
	if err != nil {
		return Receipt{}, err
	}
	code, err := s.keys.Open(k.SealedCode)
	if err != nil {
		return Receipt{}, fmt.Errorf("casework: receipt of request %d: %w", k.RequestID, err)
	}
	return Receipt{RequestID: rec.ID, AgencyID: rec.AgencyID, Tracking: rec.Tracking, QueryCode: code, Submitted: rec.Submitted,
		Received: rec.Received}, nil
}

// remember records the receipt rc of an application with digest under
// its key, in the caller's transaction, after deleting the keys older
// than the window. A key that a different application used within the
// window (the form sent again after the applicant changed it: a new
// application) is replaced by a fresh one; rc.Key is the key recorded.
func (s *Service) remember(ctx context.Context, rc *Receipt, digest string) error {
	now := s.now()
	if err := s.st.DeleteSubmissionKeys(ctx, now.Add(-ResubmitWindow)); err != nil {
		return err
	}
	if !ValidSubmissionKey(rc.Key) {
		rc.Key = NewSubmissionKey()
	} else if k, err := s.st.SubmissionKey(ctx, s.keys.MAC(submissionKeyMAC, rc.Key)); err == nil {
		if k.Digest == digest {
			// The same application, filed under the key by another
			// process since our look-up: give up ours, take its receipt.
			return errCopyFiled
		}
		rc.Key = NewSubmissionKey()
	} else if !errors.Is(err, apperr.NotFound) {
		return err
	}
	sealed, err := s.keys.Seal(rc.QueryCode)
	if err != nil {
		return err
	}
	return s.st.AddSubmissionKey(ctx, SubmissionKey{KeyHash: s.keys.MAC(submissionKeyMAC, rc.Key), Digest: digest, RequestID: rc.RequestID,
		SealedCode: sealed, CreatedAt: now})
}

// errCopyFiled rolls back a submission whose copy another process filed
// first under the same key; Submit then answers with that receipt.
var errCopyFiled = apperr.New(apperr.Conflict, "request.resubmitted")

// repeated audits a submission answered with an earlier receipt, in the
// caller's transaction.
func (s *Service) repeated(ctx context.Context, rc Receipt, ip string) error {
	actor := audit.Actor{Login: "anonymous", IP: ip}
	return s.log.Record(ctx, actor.Event("request.resubmit", "request", rc.RequestID, audit.ResultOK, rc.Tracking+" 重复提交，未再登记"))
}

// ReceiptByKey returns the receipt recorded under a submission key within
// ResubmitWindow, with the query code in clear: the receipt page of the
// public form (post/redirect/get) shows it again on a reload. An unknown
// or expired key is apperr.NotFound.
func (s *Service) ReceiptByKey(ctx context.Context, key string) (Receipt, error) {
	if !ValidSubmissionKey(key) {
		return Receipt{}, apperr.New(apperr.NotFound, "receipt.expired")
	}
	k, err := s.st.SubmissionKey(ctx, s.keys.MAC(submissionKeyMAC, key))
	if errors.Is(err, apperr.NotFound) || err == nil && s.now().Sub(k.CreatedAt) >= ResubmitWindow {
		return Receipt{}, apperr.New(apperr.NotFound, "receipt.expired")
	}
	if err != nil {
		return Receipt{}, err
	}
	rc, err := s.receiptOf(ctx, k)
	rc.Key = key
	return rc, err
}
