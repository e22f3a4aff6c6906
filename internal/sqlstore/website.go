package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/website"
)

var _ website.Store = (*Store)(nil)

// SiteIdentity implements website.Store.
func (s *Store) SiteIdentity(ctx context.Context, agencyID int64) (website.Identity, error) {
	id := website.Identity{AgencyID: agencyID}
	err := s.queryRow(ctx, `SELECT site_name, site_code, icp, police_record, sponsor, contact, updated_by, updated_at
		FROM site_identity WHERE agency_id = ?`, agencyID).Scan(&id.SiteName, &id.SiteCode, &id.ICP, &id.PoliceRecord,
		&id.Sponsor, &id.Contact, &id.UpdatedBy, dbTime{&id.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return website.Identity{AgencyID: agencyID}, nil
	}
	return id, s.mapErr(fmt.Sprintf("site identity %d", agencyID), err)
}

// SaveSiteIdentity implements website.Store.
func (s *Store) SaveSiteIdentity(ctx context.Context, id website.Identity) error {
	if err := needTime("save site identity", "UpdatedAt", id.UpdatedAt); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO site_identity (agency_id, site_name, site_code, icp, police_record, sponsor, contact,
		updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (agency_id) DO UPDATE SET site_name = excluded.site_name, site_code = excluded.site_code,
		icp = excluded.icp, police_record = excluded.police_record, sponsor = excluded.sponsor, contact = excluded.contact,
		updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		id.AgencyID, id.SiteName, id.SiteCode, id.ICP, id.PoliceRecord, id.Sponsor, id.Contact, id.UpdatedBy, s.d.t(id.UpdatedAt))
	return s.mapErr(fmt.Sprintf("save site identity %d", id.AgencyID), err)
}

// AddDoc implements website.Store: the version must follow the newest
// held (two editors saving at once: the second is apperr.Conflict).
func (s *Store) AddDoc(ctx context.Context, d website.Doc) error {
	if err := needTime("add agency doc", "SavedAt", d.SavedAt); err != nil {
		return err
	}
	op := fmt.Sprintf("add %s %d of agency %d", d.Kind, d.N, d.AgencyID)
	var last int
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(n), 0) FROM agency_docs WHERE agency_id = ? AND kind = ?",
		d.AgencyID, string(d.Kind)).Scan(&last); err != nil {
		return s.mapErr(op, err)
	}
	if d.N != last+1 {
		return apperr.Wrap(apperr.Conflict, "website.doc_version", fmt.Errorf("sqlstore: %s: newest is %d", op, last), d.N)
	}
	_, err := s.exec(ctx, `INSERT INTO agency_docs (agency_id, kind, n, effective_on, office, address, hours, phone, fax,
		email, postcode, body, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.AgencyID, string(d.Kind), d.N, d.EffectiveOn.String(), d.Office, d.Address, d.Hours, d.Phone, d.Fax, d.Email,
		d.Postcode, d.Body, d.SavedBy, s.d.t(d.SavedAt))
	if apperr.KindOf(s.mapErr("", err)) == apperr.Conflict {
		return apperr.Wrap(apperr.Conflict, "website.doc_version", fmt.Errorf("sqlstore: %s: %w", op, err), d.N)
	}
	return s.mapErr(op, err)
}

// Docs implements website.Store.
func (s *Store) Docs(ctx context.Context, agencyID int64, kind website.Kind) ([]website.Doc, error) {
	op := fmt.Sprintf("%s of agency %d", kind, agencyID)
	rows, err := s.query(ctx, `SELECT n, effective_on, office, address, hours, phone, fax, email, postcode, body, saved_by,
		saved_at FROM agency_docs WHERE agency_id = ? AND kind = ? ORDER BY n DESC`, agencyID, string(kind))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []website.Doc
	for rows.Next() {
		d := website.Doc{AgencyID: agencyID, Kind: kind}
		var on string
		if err := rows.Scan(&d.N, &on, &d.Office, &d.Address, &d.Hours, &d.Phone, &d.Fax, &d.Email, &d.Postcode, &d.Body,
			&d.SavedBy, dbTime{&d.SavedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		if d.EffectiveOn, err = calendar.Parse(on); err != nil {
			return nil, fmt.Errorf("sqlstore: %s: version %d: %w", op, d.N, err)
		}
		out = append(out, d)
	}
	return out, s.mapErr(op, rows.Err())
}
