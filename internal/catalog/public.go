package catalog

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A PublicQuery selects what the public sees of the catalogue (条例第二十四条:
// the platform's reading and search): items published in a version, 主动公开,
// and not withdrawn, newest first publication first. The portal's lists,
// the Atom feeds, the sitemap and GET /api/v1/items read through it.
type PublicQuery struct {
	AgencyIDs []int64  // empty: every agency
	Category  string   // the column and its sub-columns
	DocType   DocType  // "" any
	Validity  Validity // "" any
	Year      int      // first published in this year (Beijing); 0 any
	// Withdrawn also selects withdrawn items (which once were public): the
	// feeds announce a withdrawal as an updated entry.
	Withdrawn bool
	// After continues the order after this item (keyset pagination); the
	// zero Cursor starts at the newest.
	After  Cursor
	Offset int
	Limit  int // 0: no limit
}

// A Cursor is a place in the public order: the item's first publication
// and its id (the tie-break).
type Cursor struct {
	Published time.Time
	ID        int64
}

// IsZero reports whether c is the start.
func (c Cursor) IsZero() bool { return c.ID == 0 }

// CursorOf returns the cursor after r.
func CursorOf(r Record) Cursor { return Cursor{Published: r.FirstPublished, ID: r.ID} }

// YearRange returns the instants a publication year spans in Beijing:
// [from, to).
func YearRange(year int) (from, to time.Time) { return yearBounds(year) }

// PublicList returns the public items q selects, in the public order.
func (s *Service) PublicList(ctx context.Context, q PublicQuery) ([]Record, error) {
	return s.st.PublicItems(ctx, q)
}

// PublicCount returns how many public items q selects (Offset, Limit and
// After ignored).
func (s *Service) PublicCount(ctx context.Context, q PublicQuery) (int, error) {
	q.After, q.Offset, q.Limit = Cursor{}, 0, 0
	return s.st.CountPublicItems(ctx, q)
}

// PublicCategoryCounts returns how many public items of the agencies each
// category holds (its own items, not its sub-columns').
func (s *Service) PublicCategoryCounts(ctx context.Context, agencyIDs []int64) (map[string]int, error) {
	return s.st.PublicCategoryCounts(ctx, agencyIDs)
}

// PublicColumns returns an agency's column tree for the public pages,
// without writing: an agency that never used the catalogue shows the
// default tree of its level (catalog.md §1), empty.
func (s *Service) PublicColumns(ctx context.Context, agencyID int64, agencyName string) ([]Column, error) {
	cols, err := s.st.Columns(ctx, agencyID)
	if err != nil || len(cols) > 0 {
		return cols, err
	}
	level := GuessLevel(agencyName)
	if p, err := s.st.CatalogProfile(ctx, agencyID); err == nil {
		level = p.Level
	}
	return DefaultColumns(agencyID, level), nil
}

// A Linked is another item a public page links to: a 政策解读 and the
// document it explains, or the document that replaces a repealed one.
type Linked struct {
	IndexNo string
	Title   string
	Public  bool // the public can open it (false: withdrawn or not found)
}

// A PublicView is an item as the public sees it: its record and live
// version, the 解读 links both ways, the replacing document, and its
// withdrawal. A withdrawn item's view keeps the title, 索引号, 文号 and
// dates, but neither body nor attachments (they were taken down).
type PublicView struct {
	Record        Record
	Version       Version // the live version
	Versions      []Version
	Interprets    []Linked
	InterpretedBy []Linked
	ReplacedBy    *Linked
	Withdrawal    *Reasoned
	Events        []Event
}

// PublicItem returns the public view of the item holding an 索引号. It is
// apperr.NotFound ("catalog.not_found") for an item never published, not
// 主动公开, or unknown, so nothing tells a draft from a missing item.
func (s *Service) PublicItem(ctx context.Context, indexNo string) (PublicView, error) {
	if indexNo == "" {
		return PublicView{}, apperr.New(apperr.NotFound, "catalog.not_found")
	}
	id, err := s.st.ItemIDByIndexNo(ctx, indexNo)
	if apperr.KindOf(err) == apperr.NotFound {
		return PublicView{}, apperr.New(apperr.NotFound, "catalog.not_found")
	}
	if err != nil {
		return PublicView{}, err
	}
	return s.PublicItemByID(ctx, id)
}

// PublicItemByID is PublicItem by the item's id.
func (s *Service) PublicItemByID(ctx context.Context, id int64) (PublicView, error) {
	notFound := apperr.New(apperr.NotFound, "catalog.not_found")
	rec, it, err := s.load(ctx, id)
	if apperr.KindOf(err) == apperr.NotFound {
		return PublicView{}, notFound
	}
	if err != nil {
		return PublicView{}, err
	}
	v, ok := it.LiveVersion()
	if !ok || rec.IndexNo == "" || v.Content.Disclosure != Proactive {
		return PublicView{}, notFound
	}
	pv := PublicView{Record: rec, Version: v, Versions: it.Versions, Withdrawal: it.Withdrawal, Events: it.Events}
	if it.State == Withdrawn {
		pv.Version.Content = takenDown(pv.Version.Content)
		pv.Versions = nil
		for _, v := range it.Versions {
			v.Content = takenDown(v.Content)
			pv.Versions = append(pv.Versions, v)
		}
		return pv, nil
	}
	links, err := s.st.Links(ctx, rec.IndexNo)
	if err != nil {
		return pv, err
	}
	for _, l := range links {
		switch rec.IndexNo {
		case l.From:
			pv.Interprets = append(pv.Interprets, s.linked(ctx, l.To))
		case l.To:
			pv.InterpretedBy = append(pv.InterpretedBy, s.linked(ctx, l.From))
		}
	}
	if v.Content.ReplacedBy != "" {
		l := s.linked(ctx, v.Content.ReplacedBy)
		pv.ReplacedBy = &l
	}
	return pv, nil
}

// linked returns what a public page shows of the item holding indexNo.
func (s *Service) linked(ctx context.Context, indexNo string) Linked {
	l := Linked{IndexNo: indexNo}
	id, err := s.st.ItemIDByIndexNo(ctx, indexNo)
	if err != nil {
		return l
	}
	rec, err := s.st.Item(ctx, id)
	if err != nil || rec.Live == 0 || rec.Shown.Disclosure != Proactive {
		return l
	}
	l.Title, l.Public = rec.Shown.Title, rec.State != Withdrawn
	return l
}

// PublicAttachment opens the n-th attachment (1-based) of a public item's
// live version; a withdrawn item has none.
func (s *Service) PublicAttachment(ctx context.Context, indexNo string, n int) (Attachment, io.ReadCloser, error) {
	pv, err := s.PublicItem(ctx, indexNo)
	if err != nil {
		return Attachment{}, nil, err
	}
	as := pv.Version.Content.Attachments
	if n < 1 || n > len(as) || s.Blobs == nil {
		return Attachment{}, nil, apperr.New(apperr.NotFound, "catalog.not_found")
	}
	a := as[n-1]
	rc, err := s.Blobs.Get(ctx, a.BlobKey)
	if err != nil {
		return a, nil, fmt.Errorf("catalog: attachment %d of %s: %w", n, indexNo, err)
	}
	return a, rc, nil
}

// Updated returns when the public last saw the item change: its
// withdrawal, else the publication of its live version.
func (pv PublicView) Updated() time.Time {
	if pv.Withdrawal != nil {
		return pv.Withdrawal.At
	}
	return pv.Version.PublishedAt
}

// JSON returns the view in gongkai.item/v1 (catalog.md §2) as the public
// API gives it: attachments by their download path (url gives it), the
// history's steps without the staff who took them (their logins are
// internal), and a withdrawn item's record without body or files.
func (pv PublicView) JSON(agencyName string, url func(n int) string) ItemJSON {
	c := pv.Version.Content
	ij := ItemJSON{Schema: Schema, IndexNo: pv.Record.IndexNo, Agency: agencyName, Content: c, PublishedAt: pv.Record.FirstPublished}
	ij.Content.Attachments = nil
	for i, a := range c.Attachments {
		ij.Attachments = append(ij.Attachments, FileJSON{Name: a.Name, Path: url(i + 1), ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256})
	}
	for _, l := range pv.InterpretedBy {
		ij.InterpretedBy = append(ij.InterpretedBy, l.IndexNo)
	}
	if pv.Withdrawal != nil {
		ij.Withdrawn = &WithdrawnJSON{At: pv.Withdrawal.At, Reason: pv.Withdrawal.Reason}
	}
	notes := map[int]string{}
	for _, v := range pv.Versions {
		notes[v.N] = v.Note
	}
	for _, e := range pv.Events {
		for _, h := range e.Imported {
			h.By = ""
			ij.History = append(ij.History, h)
		}
		// The public history is what was published: each version
		// (publication, correction, validity change, import) and the
		// withdrawal. The review before publication is internal.
		if e.Version == 0 && e.Action != ActWithdraw {
			continue
		}
		note := e.Note
		if e.Version > 0 {
			note = notes[e.Version]
			if e.Action == ActSetValidity {
				note = e.Note
			}
		}
		ij.History = append(ij.History, HistoryJSON{Action: string(e.Action), At: e.At, Role: string(e.Actor.Role),
			Version: e.Version, Note: note})
	}
	return ij
}

// takenDown returns what a withdrawn item's page still shows of c.
func takenDown(c Content) Content {
	c.Body, c.Attachments, c.Summary = "", nil, ""
	return c
}
