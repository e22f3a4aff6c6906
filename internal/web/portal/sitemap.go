package portal

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/catalog"
)

// SitemapMax is how many URLs one sitemap file holds (sitemaps.org: at
// most 50,000); above it /sitemap.xml is a sitemap index.
const SitemapMax = 50000

// sitemapBatch is how many items a sitemap reads at a time.
const sitemapBatch = 5000

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// pageURLs are the site's pages other than items: the home, the indexes,
// and each agency's 专栏 with its entries.
func (s *Site) pageURLs(r *http.Request) ([]sitemapURL, error) {
	as, _, err := s.agencies(r.Context())
	if err != nil {
		return nil, err
	}
	base := s.base(r)
	out := []sitemapURL{{Loc: base + "/"}, {Loc: base + "/catalog"}, {Loc: base + "/apply"}, {Loc: base + "/reports"}}
	for _, a := range as {
		z := base + zhuanlanHref(a.ID)
		for _, p := range []string{"", "/guide", "/rules", "/items", "/reports"} {
			out = append(out, sitemapURL{Loc: z + p})
		}
	}
	return out, nil
}

// sitemapContents returns the site's pages and the number of public
// items the sitemap lists; when it cannot, it has answered (ok false).
func (s *Site) sitemapContents(w http.ResponseWriter, r *http.Request) (pages []sitemapURL, items int, ok bool) {
	pages, err := s.pageURLs(r)
	if err == nil {
		items, err = s.deps.Catalog.PublicCount(r.Context(), catalog.PublicQuery{})
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, 0, false
	}
	return pages, items, true
}

// sitemapShow answers /sitemap.xml: every page and every public item in
// one urlset, or, when they are more than the limit, an index of the
// files /sitemaps/{n}.xml (n from 1) that hold them.
func (s *Site) sitemapShow(w http.ResponseWriter, r *http.Request) {
	pages, items, ok := s.sitemapContents(w, r)
	if !ok {
		return
	}
	max := s.sitemapMax()
	total := len(pages) + items
	if total <= max {
		s.writeSitemap(w, r, pages, 0, items)
		return
	}
	idx := sitemapIndex{}
	for n := 1; (n-1)*max < total; n++ {
		idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: s.base(r) + "/sitemaps/" + strconv.Itoa(n) + ".xml"})
	}
	writeXML(w, r, s, idx)
}

// sitemapPart answers /sitemaps/{n}.xml: the n-th slice of the list the
// index splits, pages first, then items newest first.
func (s *Site) sitemapPart(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".xml"))
	if err != nil || n < 1 || !strings.HasSuffix(r.PathValue("file"), ".xml") {
		s.notFound(w, r)
		return
	}
	pages, items, ok := s.sitemapContents(w, r)
	if !ok {
		return
	}
	max := s.sitemapMax()
	from, to := (n-1)*max, n*max // positions in pages ++ items
	if from >= len(pages)+items || len(pages)+items <= max {
		s.notFound(w, r)
		return
	}
	var mine []sitemapURL
	if from < len(pages) {
		mine = pages[from:min(to, len(pages))]
	}
	first := max0(from - len(pages))
	last := min(to-len(pages), items)
	s.writeSitemap(w, r, mine, first, last)
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// writeSitemap writes a urlset of pages and the public items at positions
// [from, to) of the public order.
func (s *Site) writeSitemap(w http.ResponseWriter, r *http.Request, pages []sitemapURL, from, to int) {
	set := urlSet{URLs: pages}
	base := s.base(r)
	q := catalog.PublicQuery{Offset: from}
	for pos := from; pos < to; {
		q.Limit = min(sitemapBatch, to-pos)
		recs, err := s.deps.Catalog.PublicList(r.Context(), q)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, rec := range recs {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + itemHref(rec.IndexNo),
				LastMod: rec.FirstPublished.In(catalog.CST).Format("2006-01-02")})
		}
		if len(recs) < q.Limit {
			break
		}
		pos += len(recs)
		q.Offset, q.After = 0, catalog.CursorOf(recs[len(recs)-1])
	}
	writeXML(w, r, s, set)
}

func writeXML(w http.ResponseWriter, r *http.Request, s *Site, v any) {
	out, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}

func (s *Site) sitemapMax() int {
	if s.deps.SitemapMax > 0 && s.deps.SitemapMax < SitemapMax {
		return s.deps.SitemapMax
	}
	return SitemapMax
}
