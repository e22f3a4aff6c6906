package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
)

// publicationAppealCols are read from publication_appeals p joined to the
// catalogue item it names, if any (LEFT JOIN catalog_items c).
const publicationAppealCols = "p.id, p.agency_id, p.kind, p.subject, p.matter, p.filed_on, p.concluded_on, p.result, p.note, p.created_at, p.item_id, COALESCE(c.index_no, '')"

const publicationAppealFrom = " FROM publication_appeals p LEFT JOIN catalog_items c ON c.id = p.item_id"

// AddPublicationAppeal implements casework.Store: a 行政复议 or 行政诉讼
// about an agency's 主动公开, not tied to a request.
func (s *Store) AddPublicationAppeal(ctx context.Context, a casework.PublicationAppeal) (casework.PublicationAppeal, error) {
	if err := needTime("add publication appeal", "CreatedAt", a.CreatedAt); err != nil {
		return a, err
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, `INSERT INTO publication_appeals (agency_id, kind, subject, matter, filed_on, concluded_on, result, note, created_at, item_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.AgencyID, string(a.Kind), string(a.Subject), a.Matter, reqDate(a.Filed),
		reqDate(a.Concluded), string(a.Result), a.Note, s.d.t(a.CreatedAt), nullID(a.ItemID)).Scan(&a.ID)
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
	as, err := s.publicationAppeals(ctx, "publication appeal", "SELECT "+publicationAppealCols+publicationAppealFrom+" WHERE p.id = ?", id)
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
		publicationAppealFrom+" WHERE p.agency_id = ? ORDER BY p.filed_on, p.id", agencyID)
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
		var item sql.NullInt64
		if err := rows.Scan(&a.ID, &a.AgencyID, &kind, &subject, &a.Matter, reqDateScan{&a.Filed}, reqDateScan{&a.Concluded},
			&result, &a.Note, dbTime{&a.CreatedAt}, &item, &a.ItemIndex); err != nil {
			return nil, s.mapErr(op, err)
		}
		a.Kind, a.Subject, a.Result = casework.AppealKind(kind), casework.AppealSubject(subject), casework.AppealResult(result)
		a.ItemID = item.Int64
		out = append(out, a)
	}
	return out, s.mapErr(op, rows.Err())
}

// CatalogItemByIndexNo implements casework.Store: the item holding an
// 索引号 and its agency, or apperr.NotFound.
func (s *Store) CatalogItemByIndexNo(ctx context.Context, indexNo string) (id, agencyID int64, err error) {
	err = s.queryRow(ctx, "SELECT id, agency_id FROM catalog_items WHERE index_no = ?", indexNo).Scan(&id, &agencyID)
	if err != nil {
		return 0, 0, s.notFound("item "+indexNo, "catalog.index_no_not_found", err, indexNo)
	}
	return id, agencyID, nil
}
