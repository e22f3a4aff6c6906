package portal

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
)

// feedSize is how many entries a feed holds: the newest first
// publications.
const feedSize = 30

// feedEpoch is the feed's updated time when it has no entry: the day the
// revised 条例 took effect.
var feedEpoch = time.Date(2019, 5, 15, 0, 0, 0, 0, catalog.CST)

// The Atom document (RFC 4287). encoding/xml escapes every text and
// attribute and replaces characters XML cannot hold.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID        string         `xml:"id"`
	Title     string         `xml:"title"`
	Updated   string         `xml:"updated"`
	Published string         `xml:"published"`
	Link      atomLink       `xml:"link"`
	Author    atomPerson     `xml:"author"`
	Category  []atomCategory `xml:"category"`
	Summary   string         `xml:"summary"`
}

// base returns the absolute origin links and ids start with: the
// configured public URL, else the request's own.
func (s *Site) base(r *http.Request) string {
	if s.deps.PublicURL != "" {
		return strings.TrimRight(s.deps.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func atomTime(t time.Time) string { return t.In(catalog.CST).Format(time.RFC3339) }

// siteFeed is the Atom feed of every agency's items.
func (s *Site) siteFeed(w http.ResponseWriter, r *http.Request) {
	_, byID, err := s.agencies(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, "feed.title")
	s.writeFeed(w, r, catalog.PublicQuery{}, p.SiteName+" "+p.T("feed.title"), "/catalog", byID, nil)
}

// agencyFeed is the Atom feed of an agency's 专栏, or of one of its
// columns (?column=path, its sub-columns included).
func (s *Site) agencyFeed(w http.ResponseWriter, r *http.Request) {
	a, byID, err := s.agencyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, "feed.title")
	cols, err := s.deps.Catalog.PublicColumns(r.Context(), a.ID, a.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree := catalog.NewTree(cols)
	q := catalog.PublicQuery{AgencyIDs: []int64{a.ID}}
	title, html := a.Name+" "+p.T("feed.title"), zhuanlanHref(a.ID)
	if c := strings.Trim(r.URL.Query().Get("column"), "/ "); c != "" {
		col, ok := tree[c]
		if !ok {
			s.fail(w, r, apperr.New(apperr.NotFound, "catalog.column.no_parent", c))
			return
		}
		q.Category = c
		title = a.Name + " " + col.Name + " " + p.T("feed.title")
		html += "/items?column=" + url.QueryEscape(c)
	}
	s.writeFeed(w, r, q, title, html, byID, tree)
}

// writeFeed writes the feed of q's newest items. A withdrawn item stays
// in the feed as an entry updated at its withdrawal, titled and
// summarised to say so (decision: a reader that fetched it learns it was
// taken down; its text is not repeated).
func (s *Site) writeFeed(w http.ResponseWriter, r *http.Request, q catalog.PublicQuery, title, html string,
	byID map[int64]agency.Agency, tree catalog.Tree) {
	ctx := r.Context()
	p := s.page(r, "feed.title")
	q.Withdrawn, q.Limit = true, feedSize
	recs, err := s.deps.Catalog.PublicList(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := s.base(r)
	self := base + r.URL.Path
	if r.URL.RawQuery != "" {
		self += "?" + r.URL.RawQuery
	}
	f := atomFeed{ID: self, Title: title, Author: atomPerson{Name: p.SiteName},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: base + html}}}
	updated := feedEpoch
	trees := map[int64]catalog.Tree{}
	for _, rec := range recs {
		a := byID[rec.AgencyID]
		e := atomEntry{ID: base + itemHref(rec.IndexNo), Title: rec.Shown.Title, Published: atomTime(rec.FirstPublished),
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: base + itemHref(rec.IndexNo)}, Author: atomPerson{Name: a.Name},
			Summary: rec.Shown.Summary}
		if e.Summary == "" {
			e.Summary = rec.Shown.Title
		}
		up := rec.FirstPublished
		if rec.State == catalog.Withdrawn || rec.Live > 1 {
			// a correction or a withdrawal changed what the public sees
			pv, err := s.deps.Catalog.PublicItem(ctx, rec.IndexNo)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			up = pv.Updated()
			if pv.Withdrawal != nil {
				e.Title = p.T("feed.withdrawn") + e.Title
				e.Summary = p.Format("feed.withdrawn.on", pv.Withdrawal.At.In(catalog.CST).Format("2006-01-02"), pv.Withdrawal.Reason)
			}
		}
		e.Updated = atomTime(up)
		if up.After(updated) {
			updated = up
		}
		if c := rec.Shown.Category; c != "" {
			t := tree
			if t == nil {
				if trees[a.ID] == nil {
					cols, _ := s.deps.Catalog.PublicColumns(ctx, a.ID, a.Name)
					trees[a.ID] = catalog.NewTree(cols)
				}
				t = trees[a.ID]
			}
			e.Category = []atomCategory{{Term: c, Label: t[c].Name}}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomTime(updated)
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}
