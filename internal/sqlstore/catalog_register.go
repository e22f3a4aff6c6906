package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
)

// AddDecisions implements catalog.Store; a 文书号 the agency holds already
// is apperr.Conflict naming it.
func (s *Store) AddDecisions(ctx context.Context, ds []catalog.Decision, at time.Time) error {
	for _, d := range ds {
		_, err := s.exec(ctx, `INSERT INTO catalog_decisions (agency_id, doc_no, decided_on, kind, matter, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			d.AgencyID, d.DocNo, d.On.String(), string(d.Kind), d.Matter, s.d.t(at))
		if err != nil {
			if apperr.KindOf(s.mapErr("", err)) == apperr.Conflict {
				return apperr.Wrap(apperr.Conflict, "catalog.decision_held",
					fmt.Errorf("sqlstore: add decision %s: %w", d.DocNo, err), d.DocNo)
			}
			return s.mapErr("add decision "+d.DocNo, err)
		}
	}
	return nil
}

// HeldDecisions implements catalog.Store.
func (s *Store) HeldDecisions(ctx context.Context, agencyID int64) (map[string]bool, error) {
	rows, err := s.query(ctx, "SELECT doc_no FROM catalog_decisions WHERE agency_id = ?", agencyID)
	if err != nil {
		return nil, s.mapErr("held decisions", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, s.mapErr("held decisions", err)
		}
		out[n] = true
	}
	return out, s.mapErr("held decisions", rows.Err())
}

// Decisions implements catalog.Store: an agency's decisions dated from–to.
func (s *Store) Decisions(ctx context.Context, agencyID int64, from, to calendar.Date) ([]catalog.Decision, error) {
	op := "decisions"
	rows, err := s.query(ctx, `SELECT id, agency_id, doc_no, decided_on, kind, matter FROM catalog_decisions
		WHERE agency_id = ? AND decided_on >= ? AND decided_on <= ? ORDER BY decided_on, id`, agencyID, from.String(), to.String())
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.Decision
	for rows.Next() {
		var d catalog.Decision
		var kind string
		if err := rows.Scan(&d.ID, &d.AgencyID, &d.DocNo, reqDateScan{&d.On}, &kind, &d.Matter); err != nil {
			return nil, s.mapErr(op, err)
		}
		d.Kind = catalog.DecisionKind(kind)
		out = append(out, d)
	}
	return out, s.mapErr(op, rows.Err())
}

// AddFees implements catalog.Store.
func (s *Store) AddFees(ctx context.Context, fs []catalog.Fee, at time.Time) error {
	for _, f := range fs {
		if _, err := s.exec(ctx, `INSERT INTO catalog_fees (agency_id, paid_on, fen, item, created_at) VALUES (?, ?, ?, ?, ?)`,
			f.AgencyID, f.On.String(), f.Fen, f.Item, s.d.t(at)); err != nil {
			return s.mapErr("add fee", err)
		}
	}
	return nil
}

// Fees implements catalog.Store: an agency's fees dated from–to.
func (s *Store) Fees(ctx context.Context, agencyID int64, from, to calendar.Date) ([]catalog.Fee, error) {
	op := "fees"
	rows, err := s.query(ctx, `SELECT id, agency_id, paid_on, fen, item FROM catalog_fees
		WHERE agency_id = ? AND paid_on >= ? AND paid_on <= ? ORDER BY paid_on, id`, agencyID, from.String(), to.String())
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.Fee
	for rows.Next() {
		var f catalog.Fee
		if err := rows.Scan(&f.ID, &f.AgencyID, reqDateScan{&f.On}, &f.Fen, &f.Item); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, f)
	}
	return out, s.mapErr(op, rows.Err())
}

// RegisterDocs implements catalog.Store: the published, not withdrawn
// 规章 and 行政规范性文件 of an agency.
func (s *Store) RegisterDocs(ctx context.Context, agencyID int64) ([]catalog.RegisterDoc, error) {
	op := "register"
	rows, err := s.query(ctx, `SELECT index_no, doc_type, formed_on, validity, validity_changed_on, first_published_at FROM catalog_items
		WHERE agency_id = ? AND live > 0 AND state <> ? AND doc_type IN (?, ?) ORDER BY formed_on, id`,
		agencyID, string(catalog.Withdrawn), string(catalog.Regulation), string(catalog.Normative))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.RegisterDoc
	for rows.Next() {
		var d catalog.RegisterDoc
		var dt, v string
		if err := rows.Scan(&d.IndexNo, &dt, reqDateScan{&d.FormedOn}, &v, reqDateScan{&d.ValidityChangedOn}, dbTime{&d.PublishedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		d.DocType, d.Validity = catalog.DocType(dt), catalog.Validity(v)
		out = append(out, d)
	}
	return out, s.mapErr(op, rows.Err())
}

// CountYear implements catalog.Store.
func (s *Store) CountYear(ctx context.Context, agencyID int64, from, to time.Time, on, until calendar.Date) (catalog.FactCounts, error) {
	c := catalog.FactCounts{Channels: map[string]int{}, Categories: map[string]int{}}
	op := "count year"
	rows, err := s.query(ctx, `SELECT category, late, count(*) FROM catalog_items
		WHERE agency_id = ? AND first_published_at >= ? AND first_published_at < ? GROUP BY category, late`,
		agencyID, s.d.t(from), s.d.t(to))
	if err != nil {
		return c, s.mapErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var cat string
		var late bool
		var n int
		if err := rows.Scan(&cat, &late, &n); err != nil {
			return c, s.mapErr(op, err)
		}
		c.Published += n
		c.Categories[cat] += n
		if late {
			c.Late += n
		}
	}
	if err := rows.Err(); err != nil {
		return c, s.mapErr(op, err)
	}
	rows.Close()
	prow, err := s.query(ctx, `SELECT p.channel, count(*) FROM catalog_posts p JOIN catalog_items i ON i.id = p.item_id
		WHERE i.agency_id = ? AND p.on_date >= ? AND p.on_date <= ? GROUP BY p.channel`, agencyID, on.String(), until.String())
	if err != nil {
		return c, s.mapErr(op, err)
	}
	defer prow.Close()
	for prow.Next() {
		var ch string
		var n int
		if err := prow.Scan(&ch, &n); err != nil {
			return c, s.mapErr(op, err)
		}
		c.Channels[ch] = n
	}
	return c, s.mapErr(op, prow.Err())
}

// LastPosts implements catalog.Store.
func (s *Store) LastPosts(ctx context.Context, agencyID int64) (map[string]calendar.Date, error) {
	op := "last posts"
	rows, err := s.query(ctx, `SELECT p.channel, max(p.on_date) FROM catalog_posts p JOIN catalog_items i ON i.id = p.item_id
		WHERE i.agency_id = ? GROUP BY p.channel`, agencyID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	out := map[string]calendar.Date{}
	for rows.Next() {
		var ch string
		var d calendar.Date
		if err := rows.Scan(&ch, reqDateScan{&d}); err != nil {
			return nil, s.mapErr(op, err)
		}
		out[ch] = d
	}
	return out, s.mapErr(op, rows.Err())
}

// ChannelSettings implements catalog.Store.
func (s *Store) ChannelSettings(ctx context.Context, agencyID int64) ([]catalog.ChannelSetting, error) {
	op := fmt.Sprintf("channel settings of agency %d", agencyID)
	rows, err := s.query(ctx, `SELECT code, name, interval_days, updated_by, updated_at FROM catalog_channels
		WHERE agency_id = ? ORDER BY code`, agencyID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []catalog.ChannelSetting
	for rows.Next() {
		c := catalog.ChannelSetting{AgencyID: agencyID}
		if err := rows.Scan(&c.Code, &c.Name, &c.IntervalDays, &c.UpdatedBy, dbTime{&c.UpdatedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, c)
	}
	return out, s.mapErr(op, rows.Err())
}

// SaveChannelSetting implements catalog.Store.
func (s *Store) SaveChannelSetting(ctx context.Context, c catalog.ChannelSetting) error {
	if err := needTime("save channel setting", "UpdatedAt", c.UpdatedAt); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO catalog_channels (agency_id, code, name, interval_days, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, code) DO UPDATE SET name = excluded.name,
		interval_days = excluded.interval_days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		c.AgencyID, c.Code, c.Name, c.IntervalDays, c.UpdatedBy, s.d.t(c.UpdatedAt))
	return s.mapErr(fmt.Sprintf("save channel %s of agency %d", c.Code, c.AgencyID), err)
}
