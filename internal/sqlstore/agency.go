package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
)

var _ agency.Store = (*Store)(nil)

const agencyCols = "id, name, parent_id, oversees_id, kind, no_report, credit_code, created_at"

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func scanAgency(sc interface{ Scan(...any) error }) (agency.Agency, error) {
	var a agency.Agency
	var parent, oversees sql.NullInt64
	var kind string
	err := sc.Scan(&a.ID, &a.Name, &parent, &oversees, &kind, &a.NoReport, &a.CreditCode, dbTime{&a.CreatedAt})
	a.Kind = agency.Kind(kind)
	a.ParentID, a.OverseesID = parent.Int64, oversees.Int64
	return a, err
}

// CreateAgency implements agency.Store.
func (s *Store) CreateAgency(ctx context.Context, a agency.Agency) (agency.Agency, error) {
	if err := needTime("create agency", "CreatedAt", a.CreatedAt); err != nil {
		return a, err
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	if a.Kind == "" {
		a.Kind = agency.GuessKind(a.Name)
	}
	err := s.queryRow(ctx, "INSERT INTO agencies (name, parent_id, oversees_id, kind, no_report, credit_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		a.Name, nullID(a.ParentID), nullID(a.OverseesID), string(a.Kind), a.NoReport, a.CreditCode, s.d.t(a.CreatedAt)).Scan(&a.ID)
	if err != nil {
		err = s.mapErr("create agency "+a.Name, err)
		switch {
		case errors.Is(err, apperr.Conflict):
			return a, apperr.Wrap(apperr.Conflict, "agency.name_taken", err, a.Name)
		case errors.Is(err, apperr.Invalid):
			return a, apperr.Wrap(apperr.NotFound, "agency.parent_not_found", err)
		}
		return a, err
	}
	return a, nil
}

// Agency implements agency.Store.
func (s *Store) Agency(ctx context.Context, id int64) (agency.Agency, error) {
	a, err := scanAgency(s.queryRow(ctx, "SELECT "+agencyCols+" FROM agencies WHERE id = ?", id))
	if err != nil {
		return a, s.notFound("get agency", "agency.not_found", err)
	}
	return a, nil
}

// AgencyByName implements agency.Store.
func (s *Store) AgencyByName(ctx context.Context, name string) (agency.Agency, error) {
	a, err := scanAgency(s.queryRow(ctx, "SELECT "+agencyCols+" FROM agencies WHERE name = ?", name))
	if err != nil {
		return a, s.notFound("get agency by name", "agency.not_found_named", err, name)
	}
	return a, nil
}

// ListAgencies implements agency.Store.
func (s *Store) ListAgencies(ctx context.Context) ([]agency.Agency, error) {
	rows, err := s.query(ctx, "SELECT "+agencyCols+" FROM agencies ORDER BY id")
	if err != nil {
		return nil, s.mapErr("list agencies", err)
	}
	defer rows.Close()
	var out []agency.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, s.mapErr("list agencies", err)
		}
		out = append(out, a)
	}
	return out, s.mapErr("list agencies", rows.Err())
}

// ParentAgencies implements agency.Store: one probe of the parent index
// (agencies_parent) an agency.
func (s *Store) ParentAgencies(ctx context.Context) ([]agency.Agency, error) {
	rows, err := s.query(ctx, "SELECT "+agencyCols+" FROM agencies p WHERE EXISTS (SELECT 1 FROM agencies c WHERE c.parent_id = p.id) ORDER BY id")
	if err != nil {
		return nil, s.mapErr("list parent agencies", err)
	}
	defer rows.Close()
	var out []agency.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, s.mapErr("list parent agencies", err)
		}
		out = append(out, a)
	}
	return out, s.mapErr("list parent agencies", rows.Err())
}

// SetAgencyKind implements agency.Store.
func (s *Store) SetAgencyKind(ctx context.Context, id int64, k agency.Kind, noReport bool) error {
	return s.execOne(ctx, "set agency kind", "agency.not_found",
		"UPDATE agencies SET kind = ?, no_report = ? WHERE id = ?", string(k), noReport, id)
}

// Subtree implements agency.Store: one range of the closure table
// agency_ancestors (migration 00320), which triggers keep as agencies are
// added or moved.
func (s *Store) Subtree(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT agency FROM agency_ancestors WHERE ancestor = ? ORDER BY agency`, id)
	if err != nil {
		return nil, s.mapErr("agency subtree", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, s.mapErr("agency subtree", err)
		}
		ids = append(ids, x)
	}
	if err := rows.Err(); err != nil {
		return nil, s.mapErr("agency subtree", err)
	}
	if len(ids) == 0 {
		return nil, apperr.New(apperr.NotFound, "agency.not_found")
	}
	return ids, nil
}
