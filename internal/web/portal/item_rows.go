package portal

import (
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/web"
)

// An ItemRow is one item of a list.
type ItemRow struct {
	Href     string
	IndexNo  string
	Title    string
	DocNo    string
	Agency   string
	Date     string // 发布日期, YYYY-MM-DD in Beijing
	Validity string // translated, for 规章 and 规范性文件
}

// itemHref is the path of an item's page (search.ItemURL, which the
// search API hands out).
func itemHref(indexNo string) string { return search.ItemURL(indexNo) }

// fileHref is the path of an item's n-th attachment (search.FileURL).
func fileHref(indexNo string, n int) string { return search.FileURL(indexNo, n) }

// itemRows turns records into list rows in p's language.
func (s *Site) itemRows(p *Page, recs []catalog.Record, byID map[int64]agency.Agency) []ItemRow {
	out := make([]ItemRow, 0, len(recs))
	for _, r := range recs {
		row := ItemRow{Href: itemHref(r.IndexNo), IndexNo: r.IndexNo, Title: r.Shown.Title, DocNo: r.Shown.DocNo,
			Agency: byID[r.AgencyID].Name, Date: r.FirstPublished.In(web.DisplayZone).Format("2006-01-02")}
		if r.Shown.Validity != "" {
			row.Validity = p.T(validityKeys[r.Shown.Validity])
		}
		out = append(out, row)
	}
	return out
}

// withQuery returns path with v's non-empty values as its query.
func withQuery(path string, v url.Values) string {
	q := url.Values{}
	for k, vs := range v {
		for _, x := range vs {
			if strings.TrimSpace(x) != "" {
				q.Add(k, x)
			}
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// docTypeKeys and validityKeys name the messages of the codes.
var (
	docTypeKeys = map[catalog.DocType]string{catalog.Regulation: "dt.regulation", catalog.Normative: "dt.normative",
		catalog.Policy: "dt.policy", catalog.Interpretation: "dt.interpretation", catalog.Notice: "dt.notice", catalog.OtherDoc: "dt.other"}
	validityKeys = map[catalog.Validity]string{catalog.InForce: "va.in_force", catalog.Amended: "va.amended",
		catalog.Expired: "va.expired", catalog.Repealed: "va.repealed"}
)
