package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
)

// perPage is how many items a column list shows at a time.
const perPage = 20

// ItemsPage is 法定主动公开内容 of an agency's 专栏: the column tree of
// 条例第二十条/第二十一条 with each column's count, and the items of the
// chosen column, filtered by 文种, validity (61号: 规章 and 规范性文件 are
// marked 有效/失效/废止), year and 索引号, newest first, page by page.
type ItemsPage struct {
	Page
	Z         Zhuanlan
	Tree      []ColumnNode
	Column    string // the chosen column's path, "" for all
	ColName   string
	Filter    ItemsFilter
	DocTypes  []Option
	Valid     []Option
	Years     []int
	Items     []ItemRow
	Total     int
	PageNo    int
	Pages     int
	Prev      string
	Next      string
	FeedHref  string
	BadFilter string
}

// ItemsFilter is what the list's filter form holds.
type ItemsFilter struct {
	DocType, Validity, IndexNo string
	Year                       int
}

// An Option is one choice of a select.
type Option struct {
	Value, Label string
	Selected     bool
}

// A ColumnNode is a column of the tree with its items (its own and its
// sub-columns') and the columns below.
type ColumnNode struct {
	Path     string
	Name     string
	Href     string
	Count    int
	Current  bool
	Children []ColumnNode
}

// columnTree nests cols (parents first) and counts items into each
// column and its ancestors.
func columnTree(cols []catalog.Column, counts map[string]int, base, current string) []ColumnNode {
	total := map[string]int{}
	for cat, n := range counts {
		for p := cat; p != ""; p = catalog.ParentPath(p) {
			total[p] += n
		}
	}
	kids := map[string][]catalog.Column{}
	for _, c := range cols {
		kids[c.Parent()] = append(kids[c.Parent()], c)
	}
	var build func(parent string) []ColumnNode
	build = func(parent string) []ColumnNode {
		var out []ColumnNode
		for _, c := range kids[parent] {
			out = append(out, ColumnNode{Path: c.Path, Name: c.Name, Href: base + "?column=" + url.QueryEscape(c.Path),
				Count: total[c.Path], Current: c.Path == current, Children: build(c.Path)})
		}
		return out
	}
	return build("")
}

func (s *Site) itemsList(w http.ResponseWriter, r *http.Request) {
	a, byID, err := s.agencyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	p, z := s.zhuanlanPage(r, "zl.items", a, byID)
	pg := ItemsPage{Page: p, Z: z, PageNo: 1}
	pg.Title = a.Name + " " + pg.T("zl.items")
	v := r.URL.Query()
	cols, err := s.deps.Catalog.PublicColumns(ctx, a.ID, a.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree := catalog.NewTree(cols)
	q := catalog.PublicQuery{AgencyIDs: []int64{a.ID}, Limit: perPage}
	var bad []string
	if c := strings.Trim(v.Get("column"), "/ "); c != "" {
		if col, ok := tree[c]; ok {
			q.Category, pg.Column, pg.ColName = c, c, col.Name
		} else {
			bad = append(bad, pg.T("items.column"))
		}
	}
	if t := catalog.DocType(v.Get("doc_type")); t != "" {
		if t.Valid() {
			q.DocType, pg.Filter.DocType = t, string(t)
		} else {
			bad = append(bad, pg.T("items.doc_type"))
		}
	}
	if va := catalog.Validity(v.Get("validity")); va != "" {
		if va.Valid() {
			q.Validity, pg.Filter.Validity = va, string(va)
		} else {
			bad = append(bad, pg.T("items.validity"))
		}
	}
	if y := v.Get("year"); y != "" {
		if n, err := strconv.Atoi(y); err == nil && n >= 2008 && n <= 2200 {
			q.Year, pg.Filter.Year = n, n
		} else {
			bad = append(bad, pg.T("items.year"))
		}
	}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 && n <= 10000 {
		pg.PageNo = n
	}
	if len(bad) > 0 {
		pg.BadFilter = pg.Format("items.bad_filter", strings.Join(bad, "、"))
	}
	pg.Filter.IndexNo = strings.TrimSpace(v.Get("index_no"))
	if pg.Filter.IndexNo != "" {
		// an 索引号 names one item: it alone, if it is this agency's and matches
		pv, err := s.deps.Catalog.PublicItem(ctx, pg.Filter.IndexNo)
		if err != nil && apperr.KindOf(err) != apperr.NotFound {
			s.fail(w, r, err)
			return
		}
		if err == nil && pv.Withdrawal == nil && pv.Record.AgencyID == a.ID && matches(pv.Record, q) {
			pg.Items, pg.Total = s.itemRows(&pg.Page, []catalog.Record{pv.Record}, byID), 1
		}
	} else {
		q.Offset = (pg.PageNo - 1) * perPage
		recs, err := s.deps.Catalog.PublicList(ctx, q)
		if err == nil {
			pg.Total, err = s.deps.Catalog.PublicCount(ctx, q)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Items = s.itemRows(&pg.Page, recs, byID)
	}
	counts, err := s.deps.Catalog.PublicCategoryCounts(ctx, []int64{a.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := z.Href + "/items"
	pg.Tree = columnTree(cols, counts, base, pg.Column)
	pg.Pages = max(1, (pg.Total+perPage-1)/perPage)
	keep := url.Values{"column": {pg.Column}, "doc_type": {pg.Filter.DocType}, "validity": {pg.Filter.Validity},
		"index_no": {pg.Filter.IndexNo}}
	if pg.Filter.Year != 0 {
		keep.Set("year", strconv.Itoa(pg.Filter.Year))
	}
	if pg.PageNo > 1 {
		keep.Set("page", strconv.Itoa(pg.PageNo-1))
		pg.Prev = withQuery(base, keep)
	}
	if pg.PageNo < pg.Pages {
		keep.Set("page", strconv.Itoa(pg.PageNo+1))
		pg.Next = withQuery(base, keep)
	}
	for _, t := range []catalog.DocType{catalog.Regulation, catalog.Normative, catalog.Policy, catalog.Interpretation, catalog.Notice, catalog.OtherDoc} {
		pg.DocTypes = append(pg.DocTypes, Option{Value: string(t), Label: pg.T(docTypeKeys[t]), Selected: string(t) == pg.Filter.DocType})
	}
	for _, va := range []catalog.Validity{catalog.InForce, catalog.Amended, catalog.Expired, catalog.Repealed} {
		pg.Valid = append(pg.Valid, Option{Value: string(va), Label: pg.T(validityKeys[va]), Selected: string(va) == pg.Filter.Validity})
	}
	for y := s.now().In(catalog.CST).Year(); y >= 2019; y-- {
		pg.Years = append(pg.Years, y)
	}
	pg.FeedHref = z.Href + "/feed.atom"
	if pg.Column != "" {
		pg.FeedHref += "?column=" + url.QueryEscape(pg.Column)
		pg.Feeds = append(pg.Feeds, feedLink(&pg.Page, pg.FeedHref, a.Name+" "+pg.ColName))
	}
	s.rd.Render(w, r, http.StatusOK, "items", pg)
}

// matches reports whether r passes q's column, type, validity and year.
func matches(r catalog.Record, q catalog.PublicQuery) bool {
	c := r.Shown
	if q.Category != "" && c.Category != q.Category && !strings.HasPrefix(c.Category, q.Category+"/") {
		return false
	}
	if q.DocType != "" && c.DocType != q.DocType || q.Validity != "" && c.Validity != q.Validity {
		return false
	}
	return q.Year == 0 || r.FirstPublished.In(catalog.CST).Year() == q.Year
}
