package sqlstore

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/publicuser"
)

// LinkPublicRequest implements publicuser.Store: a request linked to an
// account already is apperr.Conflict, an unknown request or account
// apperr.Invalid.
func (s *Store) LinkPublicRequest(ctx context.Context, accountID, requestID int64, how string, at time.Time) error {
	if err := needTime("link request to public account", "at", at); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO public_account_requests (request_id, account_id, linked_at, how) VALUES (?, ?, ?, ?)`,
		requestID, accountID, s.d.t(at), how)
	return s.mapErr("link request to public account", err)
}

// InheritPublicLink implements casework.Store: a request split from
// another (拆分登记) belongs to the same public account, linked the same
// way (submit or claim).
func (s *Store) InheritPublicLink(ctx context.Context, parentID, childID int64, at time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO public_account_requests (request_id, account_id, linked_at, how)
		SELECT ?, account_id, ?, how FROM public_account_requests WHERE request_id = ?`, childID, s.d.t(at), parentID)
	return s.mapErr("link split request to public account", err)
}

// PublicRequestOwner implements publicuser.Store.
func (s *Store) PublicRequestOwner(ctx context.Context, requestID int64) (int64, error) {
	var id int64
	err := s.queryRow(ctx, "SELECT account_id FROM public_account_requests WHERE request_id = ?", requestID).Scan(&id)
	if err != nil {
		return 0, s.notFound("get request owner", "request.not_found", err)
	}
	return id, nil
}

// PublicRequests implements publicuser.Store: only the columns an
// applicant may see, never personal data or staff notes.
func (s *Store) PublicRequests(ctx context.Context, accountID int64) ([]publicuser.LinkedRequest, error) {
	rows, err := s.query(ctx, `SELECT r.id, r.tracking, r.agency_id, a.name, r.state, r.submitted_on, r.due_on, r.ended_on, l.how
		FROM public_account_requests l JOIN requests r ON r.id = l.request_id JOIN agencies a ON a.id = r.agency_id
		WHERE l.account_id = ? ORDER BY r.id DESC`, accountID)
	if err != nil {
		return nil, s.mapErr("list public requests", err)
	}
	defer rows.Close()
	var out []publicuser.LinkedRequest
	for rows.Next() {
		var l publicuser.LinkedRequest
		if err := rows.Scan(&l.RequestID, &l.Tracking, &l.AgencyID, &l.Agency, &l.State, reqDateScan{&l.Submitted},
			reqDateScan{&l.Due}, reqDateScan{&l.Ended}, &l.How); err != nil {
			return nil, s.mapErr("list public requests", err)
		}
		out = append(out, l)
	}
	return out, s.mapErr("list public requests", rows.Err())
}

// RequestIDByTracking implements publicuser.Store.
func (s *Store) RequestIDByTracking(ctx context.Context, agencyID int64, tracking string) (int64, error) {
	var id int64
	err := s.queryRow(ctx, "SELECT id FROM requests WHERE agency_id = ? AND tracking = ?", agencyID, tracking).Scan(&id)
	if err != nil {
		return 0, s.notFound("get request by tracking", "request.not_found", err)
	}
	return id, nil
}
