package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
)

const publicationAppealCols = "id, agency_id, kind, subject, matter, filed_on, concluded_on, result, note, created_at"

// AddPublicationAppeal implements casework.Store: a 行政复议 or 行政诉讼
// about an agency's 主动公开, not tied to a request.
func (s *Store) AddPublicationAppeal(ctx context.Context, a casework.PublicationAppeal) (casework.PublicationAppeal, error) {
	if err := needTime("add publication appeal", "CreatedAt", a.CreatedAt); err != nil {
		return a, err
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, `INSERT INTO publication_appeals (agency_id, kind, subject, matter, filed_on, concluded_on, result, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.AgencyID, string(a.Kind), string(a.Subject), a.Matter, reqDate(a.Filed),
		reqDate(a.Concluded), string(a.Result), a.Note, s.d.t(a.CreatedAt)).Scan(&a.ID)
	if err != nil {
		return a, s.mapErr("add publication appeal", err)
	}
	return a, nil
}

// UpdatePublicationAppeal implements casework.Store.
func (s *Store) UpdatePublicationAppeal(ctx context.Context, a casework.PublicationAppeal) error {
	op := fmt.Sprintf("update publication appeal %d", a.ID)
	return s.execOne(ctx, op, "appeal.not_found", "UPDATE publication_appeals SET filed_on = ?, concluded_on = ?, result = ?, note = ? WHERE id = ?",
		reqDate(a.Filed), reqDate(a.Concluded), string(a.Result), a.Note, a.ID)
}

// PublicationAppeal implements casework.Store.
func (s *Store) PublicationAppeal(ctx context.Context, id int64) (casework.PublicationAppeal, error) {
	as, err := s.publicationAppeals(ctx, "publication appeal", "SELECT "+publicationAppealCols+" FROM publication_appeals WHERE id = ?", id)
	if err != nil {
		return casework.PublicationAppeal{}, err
	}
	if len(as) == 0 {
		return casework.PublicationAppeal{}, s.notFound(fmt.Sprintf("publication appeal %d", id), "appeal.not_found", sql.ErrNoRows)
	}
	return as[0], nil
}

// PublicationAppeals implements casework.Store.
func (s *Store) PublicationAppeals(ctx context.Context, agencyID int64) ([]casework.PublicationAppeal, error) {
	return s.publicationAppeals(ctx, "publication appeals", "SELECT "+publicationAppealCols+
		" FROM publication_appeals WHERE agency_id = ? ORDER BY filed_on, id", agencyID)
}

func (s *Store) publicationAppeals(ctx context.Context, op, q string, args ...any) ([]casework.PublicationAppeal, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.PublicationAppeal
	for rows.Next() {
		var a casework.PublicationAppeal
		var kind, subject, result string
		if err := rows.Scan(&a.ID, &a.AgencyID, &kind, &subject, &a.Matter, reqDateScan{&a.Filed}, reqDateScan{&a.Concluded},
			&result, &a.Note, dbTime{&a.CreatedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		a.Kind, a.Subject, a.Result = casework.AppealKind(kind), casework.AppealSubject(subject), casework.AppealResult(result)
		out = append(out, a)
	}
	return out, s.mapErr(op, rows.Err())
}
