package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
)

// OpenReopen implements annual.Store: the open reopening of an agency's
// year, or apperr.NotFound.
func (s *Store) OpenReopen(ctx context.Context, agencyID int64, year int) (annual.Reopen, error) {
	r := annual.Reopen{AgencyID: agencyID, Year: year}
	err := s.queryRow(ctx, `SELECT n, reason, opened_by, opened_at FROM report_reopens
		WHERE agency_id = ? AND year = ? AND closed_at IS NULL`, agencyID, year).
		Scan(&r.N, &r.Reason, &r.OpenedBy, dbTime{&r.OpenedAt})
	if err != nil {
		return annual.Reopen{}, s.notFound("open reopen", "annual.not_reopened", err)
	}
	return r, nil
}

// AddReopen implements annual.Store: the next reopening of the year;
// apperr.Conflict when one is open already.
func (s *Store) AddReopen(ctx context.Context, r annual.Reopen) (annual.Reopen, error) {
	if err := needTime("reopen report", "OpenedAt", r.OpenedAt); err != nil {
		return r, err
	}
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.queryRow(ctx, "SELECT COALESCE(MAX(n), 0) + 1 FROM report_reopens WHERE agency_id = ? AND year = ?",
			r.AgencyID, r.Year).Scan(&r.N); err != nil {
			return s.mapErr("reopen report", err)
		}
		_, err := s.exec(ctx, `INSERT INTO report_reopens (agency_id, year, n, reason, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.AgencyID, r.Year, r.N, r.Reason, r.OpenedBy, s.d.t(r.OpenedAt))
		if err = s.mapErr("reopen report", err); errors.Is(err, apperr.Conflict) {
			return apperr.Wrap(apperr.Conflict, "annual.already_reopened", err)
		}
		return err
	})
	return r, err
}

// CloseReopen implements annual.Store: closes the open reopening of the
// year by who and when, with the version a correction published (0 for a
// relock); apperr.NotFound when none is open.
func (s *Store) CloseReopen(ctx context.Context, agencyID int64, year int, by string, at time.Time, version int) error {
	if err := needTime("close reopen", "at", at); err != nil {
		return err
	}
	var v any
	if version > 0 {
		v = version
	}
	res, err := s.exec(ctx, `UPDATE report_reopens SET closed_by = ?, closed_at = ?, version = ?
		WHERE agency_id = ? AND year = ? AND closed_at IS NULL`, by, s.d.t(at), v, agencyID, year)
	if err != nil {
		return s.mapErr("close reopen", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.mapErr("close reopen", err)
	} else if n == 0 {
		return apperr.New(apperr.NotFound, "annual.not_reopened")
	}
	return nil
}
