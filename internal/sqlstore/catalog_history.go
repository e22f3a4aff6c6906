package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/catalog"
)

// AppendItemEvent implements catalog.Store. The whole event is kept as
// JSON; action, time and actor are columns too, for reading the history
// without decoding it.
func (s *Store) AppendItemEvent(ctx context.Context, itemID int64, seq int, e catalog.Event) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("sqlstore: item %d event %d: %w", itemID, seq, err)
	}
	_, err = s.exec(ctx, `INSERT INTO catalog_events (item_id, seq, action, at, actor, role, payload) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		itemID, seq, string(e.Action), s.d.t(e.At), e.Actor.Name, string(e.Actor.Role), string(b))
	return s.mapErr(fmt.Sprintf("append item %d event %d", itemID, seq), err)
}

// ItemEvents implements catalog.Store.
func (s *Store) ItemEvents(ctx context.Context, itemID int64) ([]catalog.Event, error) {
	op := fmt.Sprintf("item %d events", itemID)
	rows, err := s.query(ctx, "SELECT at, payload FROM catalog_events WHERE item_id = ? ORDER BY seq", itemID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.Event
	for rows.Next() {
		var at time.Time
		var payload string
		if err := rows.Scan(dbTime{&at}, &payload); err != nil {
			return nil, s.mapErr(op, err)
		}
		var e catalog.Event
		if err := json.Unmarshal([]byte(payload), &e); err != nil {
			return nil, fmt.Errorf("sqlstore: %s: %w", op, err)
		}
		e.At = at
		out = append(out, e)
	}
	return out, s.mapErr(op, rows.Err())
}

// AddVersion implements catalog.Store.
func (s *Store) AddVersion(ctx context.Context, itemID int64, v catalog.Version) error {
	b, err := json.Marshal(v.Content)
	if err != nil {
		return fmt.Errorf("sqlstore: item %d version %d: %w", itemID, v.N, err)
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		_, err = s.exec(ctx, `INSERT INTO catalog_versions (item_id, n, kind, content, published_at, by_login, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			itemID, v.N, string(v.Kind), string(b), s.d.t(v.PublishedAt), v.By, v.Note)
		if err != nil {
			return s.mapErr(fmt.Sprintf("add item %d version %d", itemID, v.N), err)
		}
		// An imported item's row is written before its version: index it
		// now. A publication updates the row after adding the version, and
		// UpdateItem indexes it then (indexItem finds the live version).
		var live int
		if err := s.queryRow(ctx, "SELECT live FROM catalog_items WHERE id = ?", itemID).Scan(&live); err != nil {
			return s.mapErr(fmt.Sprintf("add item %d version %d", itemID, v.N), err)
		}
		if live != v.N {
			return nil
		}
		return s.indexItem(ctx, itemID)
	})
}

// Versions implements catalog.Store, oldest first.
func (s *Store) Versions(ctx context.Context, itemID int64) ([]catalog.Version, error) {
	op := fmt.Sprintf("item %d versions", itemID)
	rows, err := s.query(ctx, "SELECT n, kind, content, published_at, by_login, note FROM catalog_versions WHERE item_id = ? ORDER BY n", itemID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.Version
	for rows.Next() {
		var v catalog.Version
		var kind, content string
		if err := rows.Scan(&v.N, &kind, &content, dbTime{&v.PublishedAt}, &v.By, &v.Note); err != nil {
			return nil, s.mapErr(op, err)
		}
		v.Kind = catalog.VersionKind(kind)
		if err := json.Unmarshal([]byte(content), &v.Content); err != nil {
			return nil, fmt.Errorf("sqlstore: %s: %w", op, err)
		}
		out = append(out, v)
	}
	return out, s.mapErr(op, rows.Err())
}

// SetPosts implements catalog.Store.
func (s *Store) SetPosts(ctx context.Context, itemID int64, posts []catalog.Post) error {
	op := fmt.Sprintf("item %d posts", itemID)
	if _, err := s.exec(ctx, "DELETE FROM catalog_posts WHERE item_id = ?", itemID); err != nil {
		return s.mapErr(op, err)
	}
	seen := map[catalog.Post]bool{}
	for _, p := range posts {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, err := s.exec(ctx, "INSERT INTO catalog_posts (item_id, channel, on_date) VALUES (?, ?, ?)", itemID, p.Channel, p.On.String()); err != nil {
			return s.mapErr(op, err)
		}
	}
	return nil
}

// SetLinks implements catalog.Store.
func (s *Store) SetLinks(ctx context.Context, agencyID int64, indexNo string, links []catalog.Link) error {
	op := "links of " + indexNo
	if _, err := s.exec(ctx, "DELETE FROM catalog_links WHERE from_no = ?", indexNo); err != nil {
		return s.mapErr(op, err)
	}
	for _, l := range links {
		if _, err := s.exec(ctx, `INSERT INTO catalog_links (agency_id, from_no, to_no) VALUES (?, ?, ?)
			ON CONFLICT (from_no, to_no) DO NOTHING`, agencyID, l.From, l.To); err != nil {
			return s.mapErr(op, err)
		}
	}
	return nil
}

// Links implements catalog.Store.
func (s *Store) Links(ctx context.Context, indexNo string) ([]catalog.Link, error) {
	op := "links of " + indexNo
	rows, err := s.query(ctx, "SELECT from_no, to_no FROM catalog_links WHERE from_no = ? OR to_no = ? ORDER BY from_no, to_no", indexNo, indexNo)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.Link
	for rows.Next() {
		var l catalog.Link
		if err := rows.Scan(&l.From, &l.To); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, l)
	}
	return out, s.mapErr(op, rows.Err())
}

// AddLinks implements catalog.Store.
func (s *Store) AddLinks(ctx context.Context, agencyID int64, links []catalog.Link) error {
	for _, l := range links {
		if _, err := s.exec(ctx, `INSERT INTO catalog_links (agency_id, from_no, to_no) VALUES (?, ?, ?)
			ON CONFLICT (from_no, to_no) DO NOTHING`, agencyID, l.From, l.To); err != nil {
			return s.mapErr("add links", err)
		}
	}
	return nil
}
