package search

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// cst is China Standard Time, in which dates and years of publication are
// counted.
var cst = time.FixedZone("CST", 8*3600)

// ItemURL is the portal path of an item's page: /catalog/items/ and the
// 索引号, each of its "/"-separated parts path-escaped (an imported 索引号
// may hold any character but white space).
func ItemURL(indexNo string) string {
	return "/catalog/items/" + indexPath(indexNo)
}

// FileURL is the portal path of an item's n-th attachment (from 1), the
// 索引号 escaped as in ItemURL.
func FileURL(indexNo string, n int) string {
	return "/catalog/files/" + strconv.Itoa(n) + "/" + indexPath(indexNo)
}

// indexPath is a 索引号 as a URL path: each "/"-separated part escaped.
func indexPath(indexNo string) string {
	parts := strings.Split(indexNo, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// ReportURL is the portal path of an agency's published annual report on
// a year.
func ReportURL(agencyID int64, year int) string {
	return "/reports/" + strconv.FormatInt(agencyID, 10) + "/" + strconv.Itoa(year)
}

// PageJSON is a results page as GET /api/v1/search and `gongkai search
// --json` print it (catalog.md §5).
type PageJSON struct {
	Total int          `json:"total"`
	Items []ResultJSON `json:"items"`
}

// ResultJSON is one result. Snippet is HTML: the text escaped, the hits
// in <mark> elements. A report has no 索引号: IndexNo is "" and URL its
// page (/reports/{agency}/{year}).
type ResultJSON struct {
	IndexNo     string `json:"index_no"`
	Title       string `json:"title"`
	Agency      string `json:"agency"`
	PublishedAt string `json:"published_at"` // RFC 3339, in +08:00
	URL         string `json:"url"`
	Snippet     string `json:"snippet"`
}

// JSON returns p in the contract's shape.
func (p Page) JSON() PageJSON {
	out := PageJSON{Total: p.Total, Items: make([]ResultJSON, 0, len(p.Items))}
	for _, r := range p.Items {
		out.Items = append(out.Items, ResultJSON{IndexNo: r.IndexNo, Title: r.Title, Agency: r.Agency,
			PublishedAt: r.Published.In(cst).Format(time.RFC3339), URL: r.URL, Snippet: r.Snippet.HTML()})
	}
	return out
}

// ParseDay parses a from/to bound: a year (2024) or a day (2024-03-01),
// counted in China Standard Time. It returns the start of that year or
// day and the start of the next one, so from uses the first and to the
// second (both ends inclusive).
func ParseDay(s string) (start, next time.Time, err error) {
	s = strings.TrimSpace(s)
	if y, e := strconv.Atoi(s); e == nil && len(s) == 4 {
		if y < 1949 || y > 9999 {
			return start, next, fmt.Errorf("年份 %q 不在范围内 / year out of range", s)
		}
		start = time.Date(y, 1, 1, 0, 0, 0, 0, cst)
		return start, start.AddDate(1, 0, 0), nil
	}
	d, e := time.ParseInLocation("2006-01-02", s, cst)
	if e != nil {
		return start, next, fmt.Errorf("日期 %q 应为 YYYY 或 YYYY-MM-DD / date must be YYYY or YYYY-MM-DD", s)
	}
	return d, d.AddDate(0, 0, 1), nil
}
