package portal

import (
	"context"
	"io"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/publicuser"
)

// Accounts is what the account pages need from the public-account service
// (*publicuser.Service, wired by internal/app): optional accounts of the
// public, apart from staff accounts, which gather an applicant's requests.
type Accounts interface {
	// Register opens an account; a taken login gets the same answer (no
	// error), and its owner a notice.
	Register(ctx context.Context, g publicuser.Registration, ip string) (publicuser.Account, error)
	// TakeNotices returns the unseen notices of an account and marks them
	// seen (a lockout, an attempt to register its login).
	TakeNotices(ctx context.Context, id int64) ([]account.Notice, error)
	// Login returns publicuser.ErrBadCredentials for every failure.
	Login(ctx context.Context, login, password, ip string) (publicuser.Account, error)
	Logout(ctx context.Context, id int64, ip string) error
	// Account returns an account with its login in clear, for the form.
	Account(ctx context.Context, id int64) (publicuser.Account, error)
	ChangePassword(ctx context.Context, id int64, current, next, ip string) (time.Time, error)
	// LinkSubmitted links a request just filed while signed in.
	LinkSubmitted(ctx context.Context, accountID, requestID int64, ip string) error
	// Claim links an earlier request by tracking number and query code.
	Claim(ctx context.Context, accountID int64, tracking, code, ip string) (publicuser.LinkedRequest, error)
	Requests(ctx context.Context, accountID int64) ([]publicuser.LinkedRequest, error)
	// Status is the public view of a request linked to the account.
	Status(ctx context.Context, accountID, requestID int64) (casework.PublicView, error)
	// OpenRelease opens a file released by the reply to a request linked
	// to the account (网上获取), audited.
	OpenRelease(ctx context.Context, accountID, requestID, fileID int64, ip string) (casework.Attachment, io.ReadCloser, error)
}
