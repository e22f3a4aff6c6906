package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
)

var _ catalog.Store = (*Store)(nil)

// CatalogProfile implements catalog.Store.
func (s *Store) CatalogProfile(ctx context.Context, agencyID int64) (catalog.Profile, error) {
	p := catalog.Profile{AgencyID: agencyID}
	var level string
	err := s.queryRow(ctx, "SELECT credit_code, level FROM catalog_profiles WHERE agency_id = ?", agencyID).Scan(&p.CreditCode, &level)
	if err != nil {
		return p, s.notFound(fmt.Sprintf("catalog profile %d", agencyID), "catalog.no_profile", err)
	}
	p.Level = catalog.Level(level)
	return p, nil
}

// SaveCatalogProfile implements catalog.Store.
func (s *Store) SaveCatalogProfile(ctx context.Context, p catalog.Profile, at time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO catalog_profiles (agency_id, credit_code, level, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (agency_id) DO UPDATE SET credit_code = excluded.credit_code, level = excluded.level, updated_at = excluded.updated_at`,
		p.AgencyID, p.CreditCode, string(p.Level), s.d.t(at), s.d.t(at))
	return s.mapErr(fmt.Sprintf("save catalog profile %d", p.AgencyID), err)
}

// Columns implements catalog.Store: parents before children because a
// parent's path sorts before its children's, siblings by their order.
func (s *Store) Columns(ctx context.Context, agencyID int64) ([]catalog.Column, error) {
	op := fmt.Sprintf("catalog columns %d", agencyID)
	rows, err := s.query(ctx, `SELECT id, agency_id, path, name, art, art_item, ord, builtin FROM catalog_columns
		WHERE agency_id = ? ORDER BY id`, agencyID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.Column
	for rows.Next() {
		var c catalog.Column
		if err := rows.Scan(&c.ID, &c.AgencyID, &c.Path, &c.Name, &c.Article.Art, &c.Article.Item, &c.Order, &c.Builtin); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, c)
	}
	return out, s.mapErr(op, rows.Err())
}

// AddColumns implements catalog.Store.
func (s *Store) AddColumns(ctx context.Context, cols []catalog.Column, at time.Time) error {
	for _, c := range cols {
		_, err := s.exec(ctx, `INSERT INTO catalog_columns (agency_id, path, name, art, art_item, ord, builtin, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.AgencyID, c.Path, c.Name, c.Article.Art, c.Article.Item, c.Order, c.Builtin, s.d.t(at))
		if err != nil {
			if apperr.KindOf(s.mapErr("", err)) == apperr.Conflict {
				return apperr.Wrap(apperr.Conflict, "catalog.column.exists", fmt.Errorf("sqlstore: add column %s: %w", c.Path, err), c.Path)
			}
			return s.mapErr("add column "+c.Path, err)
		}
	}
	return nil
}

// NextIndexSeq implements catalog.Store with one upsert.
func (s *Store) NextIndexSeq(ctx context.Context, agencyID int64, year int) (int, error) {
	var n int
	err := s.queryRow(ctx, `INSERT INTO catalog_counters (agency_id, year, last) VALUES (?, ?, 1)
		ON CONFLICT (agency_id, year) DO UPDATE SET last = catalog_counters.last + 1 RETURNING last`, agencyID, year).Scan(&n)
	return n, s.mapErr(fmt.Sprintf("next index number %d/%d", agencyID, year), err)
}

// RaiseIndexSeq implements catalog.Store.
func (s *Store) RaiseIndexSeq(ctx context.Context, agencyID int64, year, seq int) error {
	_, err := s.exec(ctx, `INSERT INTO catalog_counters (agency_id, year, last) VALUES (?, ?, ?)
		ON CONFLICT (agency_id, year) DO UPDATE SET last = CASE WHEN catalog_counters.last < excluded.last
		THEN excluded.last ELSE catalog_counters.last END`, agencyID, year, seq)
	return s.mapErr(fmt.Sprintf("raise index number %d/%d", agencyID, year), err)
}

const catalogItemCols = `id, agency_id, index_no, state, live, shown, draft, first_published_at, publish_at, late, created_at, updated_at`

// itemArgs returns the columns an item's row keeps of r, after agency_id.
func (s *Store) itemArgs(r catalog.Record) ([]any, error) {
	shown, err := json.Marshal(r.Shown)
	if err != nil {
		return nil, err
	}
	var draft any
	if r.Draft != nil {
		b, err := json.Marshal(r.Draft)
		if err != nil {
			return nil, err
		}
		draft = string(b)
	}
	var index any
	if r.IndexNo != "" {
		index = r.IndexNo
	}
	c := r.Shown
	return []any{index, string(r.State), r.Live, c.Title, c.DocNo, c.Category, string(c.DocType), reqDate(c.FormedOn),
		reqDate(c.ChangedOn), string(c.Validity), reqDate(c.ValidityChangedOn), c.ReplacedBy, string(c.Disclosure),
		string(shown), draft, s.d.t(r.FirstPublished), s.d.t(r.PublishAt), r.Late}, nil
}

// CreateItem implements catalog.Store.
func (s *Store) CreateItem(ctx context.Context, r catalog.Record, at time.Time) (int64, error) {
	args, err := s.itemArgs(r)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: create item: %w", err)
	}
	args = append(append([]any{r.AgencyID}, args...), s.d.t(at), s.d.t(at))
	var id int64
	err = s.queryRow(ctx, `INSERT INTO catalog_items (agency_id, index_no, state, live, title, doc_no, category, doc_type,
		formed_on, changed_on, validity, validity_changed_on, replaced_by, disclosure, shown, draft, first_published_at,
		publish_at, late, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		args...).Scan(&id)
	if err != nil {
		if apperr.KindOf(s.mapErr("", err)) == apperr.Conflict {
			return 0, apperr.Wrap(apperr.Conflict, "catalog.index_no_taken",
				fmt.Errorf("sqlstore: create item %s: %w", r.IndexNo, err), r.IndexNo)
		}
		return 0, s.mapErr("create item", err)
	}
	return id, nil
}

// UpdateItem implements catalog.Store.
func (s *Store) UpdateItem(ctx context.Context, r catalog.Record, at time.Time) error {
	args, err := s.itemArgs(r)
	if err != nil {
		return fmt.Errorf("sqlstore: update item %d: %w", r.ID, err)
	}
	args = append(args, s.d.t(at), r.ID)
	// The search rows follow in the same transaction (条例第二十四条).
	return s.InTx(ctx, func(ctx context.Context) error {
		err := s.execOne(ctx, fmt.Sprintf("update item %d", r.ID), "catalog.not_found",
			`UPDATE catalog_items SET index_no = ?, state = ?, live = ?, title = ?, doc_no = ?, category = ?, doc_type = ?,
		formed_on = ?, changed_on = ?, validity = ?, validity_changed_on = ?, replaced_by = ?, disclosure = ?, shown = ?,
		draft = ?, first_published_at = ?, publish_at = ?, late = ?, updated_at = ? WHERE id = ?`, args...)
		if err != nil {
			return err
		}
		return s.indexItem(ctx, r.ID)
	})
}

func scanItem(sc interface{ Scan(...any) error }) (catalog.Record, error) {
	var r catalog.Record
	var index, draft *string
	var state, shown string
	err := sc.Scan(&r.ID, &r.AgencyID, &index, &state, &r.Live, &shown, &draft, dbTime{&r.FirstPublished},
		dbTime{&r.PublishAt}, &r.Late, dbTime{&r.CreatedAt}, dbTime{&r.UpdatedAt})
	if err != nil {
		return r, err
	}
	r.State = catalog.State(state)
	if index != nil {
		r.IndexNo = *index
	}
	if err := json.Unmarshal([]byte(shown), &r.Shown); err != nil {
		return r, fmt.Errorf("item %d: shown: %w", r.ID, err)
	}
	if draft != nil {
		r.Draft = new(catalog.Content)
		if err := json.Unmarshal([]byte(*draft), r.Draft); err != nil {
			return r, fmt.Errorf("item %d: draft: %w", r.ID, err)
		}
	}
	return r, nil
}

// Item implements catalog.Store.
func (s *Store) Item(ctx context.Context, id int64) (catalog.Record, error) {
	r, err := scanItem(s.queryRow(ctx, "SELECT "+catalogItemCols+" FROM catalog_items WHERE id = ?", id))
	if err != nil {
		return r, s.notFound(fmt.Sprintf("item %d", id), "catalog.not_found", err)
	}
	return r, nil
}

// ItemIDByIndexNo implements catalog.Store.
func (s *Store) ItemIDByIndexNo(ctx context.Context, indexNo string) (int64, error) {
	var id int64
	err := s.queryRow(ctx, "SELECT id FROM catalog_items WHERE index_no = ?", indexNo).Scan(&id)
	if err != nil {
		return 0, s.notFound("item "+indexNo, "catalog.index_no_not_found", err, indexNo)
	}
	return id, nil
}

// ListItems implements catalog.Store, in id order.
func (s *Store) ListItems(ctx context.Context, f catalog.Filter) ([]catalog.Record, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if f.AgencyID != 0 {
		add("agency_id = ?", f.AgencyID)
	}
	if len(f.States) > 0 {
		ph := strings.Repeat(", ?", len(f.States))[2:]
		var a []any
		for _, st := range f.States {
			a = append(a, string(st))
		}
		add("state IN ("+ph+")", a...)
	}
	if f.Category != "" {
		add("(category = ? OR substr(category, 1, ?) = ?)", f.Category, len(f.Category)+1, f.Category+"/")
	}
	if f.DocType != "" {
		add("doc_type = ?", string(f.DocType))
	}
	if f.Validity != "" {
		add("validity = ?", string(f.Validity))
	}
	if f.Public {
		add("live > 0 AND state <> ? AND disclosure = ?", string(catalog.Withdrawn), string(catalog.Proactive))
	}
	if f.Late != nil {
		add("late = ?", *f.Late)
	}
	if !f.Published[0].IsZero() {
		add("first_published_at >= ?", s.d.t(f.Published[0].Time().Add(-8*time.Hour)))
	}
	if !f.Published[1].IsZero() {
		add("first_published_at < ?", s.d.t(f.Published[1].AddDays(1).Time().Add(-8*time.Hour)))
	}
	if f.AfterID != 0 {
		add("id > ?", f.AfterID)
	}
	q := "SELECT " + catalogItemCols + " FROM catalog_items"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT " + itoa(f.Limit)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr("list items", err)
	}
	defer rows.Close()
	var out []catalog.Record
	for rows.Next() {
		r, err := scanItem(rows)
		if err != nil {
			return nil, s.mapErr("list items", err)
		}
		out = append(out, r)
	}
	return out, s.mapErr("list items", rows.Err())
}
