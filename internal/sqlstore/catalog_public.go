package sqlstore

import (
	"context"
	"strings"

	"github.com/gongkai/gongkai/internal/catalog"
)

// publicWhere returns the conditions and arguments of q (catalog.PublicQuery):
// a live version, 主动公开, an 索引号, and not withdrawn unless q asks.
func (s *Store) publicWhere(q catalog.PublicQuery, cursor bool) (string, []any) {
	where := []string{"live > 0", "disclosure = ?", "index_no IS NOT NULL"}
	args := []any{string(catalog.Proactive)}
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if !q.Withdrawn {
		add("state <> ?", string(catalog.Withdrawn))
	}
	if len(q.AgencyIDs) > 0 {
		ph := strings.Repeat(", ?", len(q.AgencyIDs))[2:]
		var a []any
		for _, id := range q.AgencyIDs {
			a = append(a, id)
		}
		add("agency_id IN ("+ph+")", a...)
	}
	if q.Category != "" {
		add("(category = ? OR substr(category, 1, ?) = ?)", q.Category, len(q.Category)+1, q.Category+"/")
	}
	if q.DocType != "" {
		add("doc_type = ?", string(q.DocType))
	}
	if q.Validity != "" {
		add("validity = ?", string(q.Validity))
	}
	if q.Year != 0 {
		from, to := catalog.YearRange(q.Year)
		add("first_published_at >= ? AND first_published_at < ?", s.d.t(from), s.d.t(to))
	}
	if cursor && !q.After.IsZero() {
		at := s.d.t(q.After.Published)
		add("(first_published_at < ? OR (first_published_at = ? AND id < ?))", at, at, q.After.ID)
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// PublicItems implements catalog.Store.
func (s *Store) PublicItems(ctx context.Context, q catalog.PublicQuery) ([]catalog.Record, error) {
	where, args := s.publicWhere(q, true)
	sqlq := "SELECT " + catalogItemCols + " FROM catalog_items" + where + " ORDER BY first_published_at DESC, id DESC"
	if q.Limit > 0 {
		sqlq += " LIMIT " + itoa(q.Limit)
		if q.Offset > 0 {
			sqlq += " OFFSET " + itoa(q.Offset)
		}
	}
	rows, err := s.query(ctx, sqlq, args...)
	if err != nil {
		return nil, s.mapErr("public items", err)
	}
	defer rows.Close()
	var out []catalog.Record
	for rows.Next() {
		r, err := scanItem(rows)
		if err != nil {
			return nil, s.mapErr("public items", err)
		}
		out = append(out, r)
	}
	return out, s.mapErr("public items", rows.Err())
}

// CountPublicItems implements catalog.Store.
func (s *Store) CountPublicItems(ctx context.Context, q catalog.PublicQuery) (int, error) {
	where, args := s.publicWhere(q, false)
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM catalog_items"+where, args...).Scan(&n)
	return n, s.mapErr("count public items", err)
}

// PublicCategoryCounts implements catalog.Store.
func (s *Store) PublicCategoryCounts(ctx context.Context, agencyIDs []int64) (map[string]int, error) {
	where, args := s.publicWhere(catalog.PublicQuery{AgencyIDs: agencyIDs}, false)
	rows, err := s.query(ctx, "SELECT category, COUNT(*) FROM catalog_items"+where+" GROUP BY category", args...)
	if err != nil {
		return nil, s.mapErr("public category counts", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var c string
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, s.mapErr("public category counts", err)
		}
		out[c] = n
	}
	return out, s.mapErr("public category counts", rows.Err())
}
