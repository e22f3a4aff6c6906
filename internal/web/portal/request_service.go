package portal

import (
	"context"
	"io"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
)

// Requests is what the 依申请公开 pages need from the application service
// (casework.Service, wired by internal/app): filing an application without
// an account and the public lookup by tracking number and query code.
type Requests interface {
	// Submit files an application; the receipt carries the query code,
	// which the page shows once.
	// The application's files are staged first (Stage), as they arrive;
	// Submit records them, or discards them when it fails.
	Submit(ctx context.Context, a casework.Application, ip string) (casework.Receipt, error)
	// Stage checks a file and streams it into the sealed blob store.
	Stage(ctx context.Context, name, contentType string, body io.Reader) (casework.File, error)
	// Discard deletes staged files that will not be submitted.
	Discard(files ...casework.File)
	// ReceiptByKey returns the receipt recorded under a submission key
	// within casework.ResubmitWindow (the receipt page); after it, or for
	// an unknown key, apperr.NotFound.
	ReceiptByKey(ctx context.Context, key string) (casework.Receipt, error)
	// Lookup returns what the applicant may see of a request: never
	// personal data.
	Lookup(ctx context.Context, tracking, code string) (casework.PublicView, error)
	// PublicRelease opens a file released by the reply (网上获取) for the
	// applicant with the tracking number and query code, audited.
	PublicRelease(ctx context.Context, tracking, code string, fileID int64, ip string) (casework.Attachment, io.ReadCloser, error)
	// PublicLetter writes a letter already sent to the applicant (kind is
	// package letter's Kind); the code is checked as in Lookup.
	PublicLetter(ctx context.Context, tracking, code, kind string) (*letter.Letter, error)
}
