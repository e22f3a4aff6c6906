package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/stationery"
)

var _ stationery.Store = (*Store)(nil)

// LetterSettings implements stationery.Store.
func (s *Store) LetterSettings(ctx context.Context, agencyID int64) (stationery.Settings, error) {
	st := stationery.Settings{AgencyID: agencyID}
	var first sql.NullString
	err := s.queryRow(ctx, `SELECT office, address, postcode, phone, contact, website, number_prefix, query_url, payment,
		review_body, court, review_first, updated_by, updated_at FROM letter_settings WHERE agency_id = ?`, agencyID).Scan(&st.Office, &st.Address, &st.Postcode,
		&st.Phone, &st.Contact, &st.Website, &st.Prefix, &st.QueryURL, &st.Payment, &st.ReviewBody, &st.Court, &first,
		&st.UpdatedBy, dbTime{&st.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return stationery.Settings{AgencyID: agencyID}, nil
	}
	if err != nil {
		return stationery.Settings{}, s.mapErr("letter settings", err)
	}
	// NULL: the default 复议前置 set; "" an empty one (regulation.md §8).
	if first.Valid {
		st.CustomReviewFirst, st.ReviewFirst = true, []request.Outcome{}
		for _, o := range strings.Split(first.String, ",") {
			if o != "" {
				st.ReviewFirst = append(st.ReviewFirst, request.Outcome(o))
			}
		}
	}
	return st, nil
}

// SaveLetterSettings implements stationery.Store.
func (s *Store) SaveLetterSettings(ctx context.Context, st stationery.Settings) error {
	if err := needTime("save letter settings", "UpdatedAt", st.UpdatedAt); err != nil {
		return err
	}
	var first sql.NullString
	if st.CustomReviewFirst {
		list := make([]string, len(st.ReviewFirst))
		for i, o := range st.ReviewFirst {
			list[i] = string(o)
		}
		first = sql.NullString{String: strings.Join(list, ","), Valid: true}
	}
	_, err := s.exec(ctx, `INSERT INTO letter_settings (agency_id, office, address, postcode, phone, contact, website,
		number_prefix, query_url, payment, review_body, court, review_first, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (agency_id) DO UPDATE SET office = excluded.office, address = excluded.address,
		postcode = excluded.postcode, phone = excluded.phone, contact = excluded.contact, website = excluded.website,
		number_prefix = excluded.number_prefix, query_url = excluded.query_url, payment = excluded.payment,
		review_body = excluded.review_body, court = excluded.court, review_first = excluded.review_first,
		updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		st.AgencyID, st.Office, st.Address, st.Postcode, st.Phone, st.Contact, st.Website, st.Prefix, st.QueryURL,
		st.Payment, st.ReviewBody, st.Court, first, st.UpdatedBy, s.d.t(st.UpdatedAt))
	return s.mapErr("save letter settings", err)
}

// LetterNumber implements stationery.Store: within one transaction it
// returns the number the letter already has, or takes the next number of
// the agency's year (an atomic upsert of letter_counters) and records it.
// If a concurrent call numbered the same letter first, the insert
// conflicts, everything rolls back, and the retry finds that number.
func (s *Store) LetterNumber(ctx context.Context, agencyID, requestID int64, kind string, year int, at time.Time) (int, error) {
	if err := needTime("letter number", "issue time", at); err != nil {
		return 0, err
	}
	var seq int
	issue := func(ctx context.Context) error {
		err := s.queryRow(ctx, "SELECT seq FROM letter_numbers WHERE request_id = ? AND kind = ?", requestID, kind).Scan(&seq)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return s.mapErr("letter number", err)
		}
		err = s.queryRow(ctx, `INSERT INTO letter_counters (agency_id, year, last) VALUES (?, ?, 1)
			ON CONFLICT (agency_id, year) DO UPDATE SET last = letter_counters.last + 1 RETURNING last`, agencyID, year).Scan(&seq)
		if err != nil {
			return s.mapErr("letter number", err)
		}
		_, err = s.exec(ctx, "INSERT INTO letter_numbers (request_id, kind, agency_id, year, seq, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
			requestID, kind, agencyID, year, seq, s.d.t(at))
		return s.mapErr("letter number", err)
	}
	var err error
	for range 3 {
		if err = s.InTx(ctx, issue); err == nil || !errors.Is(err, apperr.Conflict) {
			break
		}
	}
	return seq, err
}

// NextLetterNumber implements stationery.Store.
func (s *Store) NextLetterNumber(ctx context.Context, agencyID int64, year int) (int, error) {
	var last int
	err := s.queryRow(ctx, "SELECT last FROM letter_counters WHERE agency_id = ? AND year = ?", agencyID, year).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 1, nil
	}
	if err != nil {
		return 0, s.mapErr("next letter number", err)
	}
	return last + 1, nil
}

// RaiseLetterNumber implements stationery.Store; it never lowers the
// counter, so no number is issued twice.
func (s *Store) RaiseLetterNumber(ctx context.Context, agencyID int64, year, next int) error {
	if next < 1 {
		return apperr.New(apperr.Invalid, "letters.next_seq")
	}
	_, err := s.exec(ctx, `INSERT INTO letter_counters (agency_id, year, last) VALUES (?, ?, ?)
		ON CONFLICT (agency_id, year) DO UPDATE SET last = excluded.last WHERE letter_counters.last < excluded.last`,
		agencyID, year, next-1)
	return s.mapErr("raise letter number", err)
}
