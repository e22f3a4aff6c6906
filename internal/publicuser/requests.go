package publicuser

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
)

// errNotYours is the answer to a request that is not linked to the
// account: the same NotFound whether it exists or not (SECURITY.md O-AC-02).
var errNotYours = apperr.New(apperr.NotFound, "request.not_found")

// LinkSubmitted links a request just filed by a signed-in account to it.
// Records public.request.link.
func (s *Service) LinkSubmitted(ctx context.Context, accountID, requestID int64, ip string) error {
	return s.link(ctx, accountID, requestID, LinkSubmit, ip)
}

func (s *Service) link(ctx context.Context, accountID, requestID int64, how, ip string) error {
	return s.St.InTx(ctx, func(ctx context.Context) error {
		if err := s.St.LinkPublicRequest(ctx, accountID, requestID, how, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, actor(accountID, ip).Event("public.request.link", "request", requestID, audit.ResultOK, how))
	})
}

// Claim links an earlier request, filed without an account, to account
// accountID. The request service checks the query code exactly as the
// public lookup does, so a wrong code and an unknown number get the same
// NotFound. A request already in this account is no error; one linked to
// another account is apperr.Conflict (a request has one account).
// Records public.request.claim.
func (s *Service) Claim(ctx context.Context, accountID int64, tracking, code, ip string) (LinkedRequest, error) {
	act := actor(accountID, ip)
	v, err := s.Cases.Lookup(ctx, strings.TrimSpace(tracking), strings.TrimSpace(code))
	if errors.Is(err, apperr.NotFound) {
		if err := s.Audit.Record(ctx, act.Event("public.request.claim", "request", 0, audit.ResultFail,
			"wrong tracking number or code: "+audit.Redact(clip(tracking, 40)))); err != nil {
			return LinkedRequest{}, err
		}
		return LinkedRequest{}, errClaim
	}
	if err != nil {
		return LinkedRequest{}, err
	}
	id, err := s.St.RequestIDByTracking(ctx, v.AgencyID, v.Tracking)
	if err != nil {
		return LinkedRequest{}, err
	}
	owner, err := s.St.PublicRequestOwner(ctx, id)
	switch {
	case err == nil && owner == accountID:
		return LinkedRequest{RequestID: id, Tracking: v.Tracking, AgencyID: v.AgencyID, How: LinkClaim}, nil
	case err == nil:
		if err := s.Audit.Record(ctx, act.Event("public.request.claim", "request", id, audit.ResultDenied, "linked to another account")); err != nil {
			return LinkedRequest{}, err
		}
		return LinkedRequest{}, apperr.New(apperr.Conflict, "public.request_taken")
	case !errors.Is(err, apperr.NotFound):
		return LinkedRequest{}, err
	}
	err = s.St.InTx(ctx, func(ctx context.Context) error {
		if err := s.St.LinkPublicRequest(ctx, accountID, id, LinkClaim, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, act.Event("public.request.claim", "request", id, audit.ResultOK, v.Tracking))
	})
	if err != nil {
		return LinkedRequest{}, err
	}
	return LinkedRequest{RequestID: id, Tracking: v.Tracking, AgencyID: v.AgencyID, How: LinkClaim}, nil
}

// Requests lists the requests of an account, newest first: tracking
// number, agency, state and dates only.
func (s *Service) Requests(ctx context.Context, accountID int64) ([]LinkedRequest, error) {
	return s.St.PublicRequests(ctx, accountID)
}

// StateLabel is the applicant's name of a stored state.
func StateLabel(st string) string { return casework.StateLabel(st) }

// Status is what the applicant sees of request id through the account: the
// same view as the public lookup with the query code (never personal data),
// reached through the stored link instead of the code. A request not
// linked to the account is NotFound whether it exists or not.
func (s *Service) Status(ctx context.Context, accountID, requestID int64) (casework.PublicView, error) {
	owner, err := s.St.PublicRequestOwner(ctx, requestID)
	if errors.Is(err, apperr.NotFound) || (err == nil && owner != accountID) {
		return casework.PublicView{}, errNotYours
	}
	if err != nil {
		return casework.PublicView{}, err
	}
	rec, err := s.Records.Request(ctx, requestID)
	if err != nil {
		return casework.PublicView{}, err
	}
	return s.Cases.PublicViewOf(ctx, rec)
}

// OpenRelease opens a file released by the reply to a request of account
// accountID (网上获取), audited as a download by the account; a request
// of another account, or a file not released to its applicant, is
// NotFound. The caller closes the reader.
func (s *Service) OpenRelease(ctx context.Context, accountID, requestID, fileID int64, ip string) (casework.Attachment, io.ReadCloser, error) {
	owner, err := s.St.PublicRequestOwner(ctx, requestID)
	if errors.Is(err, apperr.NotFound) || (err == nil && owner != accountID) {
		return casework.Attachment{}, nil, errNotYours
	}
	if err != nil {
		return casework.Attachment{}, nil, err
	}
	rec, err := s.Records.Request(ctx, requestID)
	if err != nil {
		return casework.Attachment{}, nil, err
	}
	return s.Cases.OpenRelease(ctx, rec, fileID, actor(accountID, ip))
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
