package portal

import (
	"net/http"
	"sort"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/catalog"
)

// CatalogPage is the index of the platform's 政府信息公开专栏: every
// agency's, as the hierarchy nests them (a district platform hosts the
// 专栏 of the government and of each of its departments, catalog.md §1),
// and the latest items of them all.
type CatalogPage struct {
	Page
	Tree   []AgencyNode
	Latest []ItemRow
}

// An AgencyNode is an agency's 专栏 in the tree, with the agencies below.
type AgencyNode struct {
	AgencyLink
	Children []AgencyNode
}

// agencyTree nests as by ParentID, each level in name order; an agency
// whose parent is missing sits at the top.
func agencyTree(as []agency.Agency) []AgencyNode {
	byID := map[int64]bool{}
	kids := map[int64][]agency.Agency{}
	for _, a := range as {
		byID[a.ID] = true
	}
	for _, a := range as {
		p := a.ParentID
		if !byID[p] {
			p = 0
		}
		kids[p] = append(kids[p], a)
	}
	var build func(parent int64, depth int) []AgencyNode
	build = func(parent int64, depth int) []AgencyNode {
		list := kids[parent]
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
		var out []AgencyNode
		for _, a := range list {
			n := AgencyNode{AgencyLink: AgencyLink{Name: a.Name, Href: zhuanlanHref(a.ID)}}
			if depth < 8 {
				n.Children = build(a.ID, depth+1)
			}
			out = append(out, n)
		}
		return out
	}
	return build(0, 0)
}

// latestCount is how many items the home and 专栏 pages list.
const latestCount = 10

func (s *Site) catalogShow(w http.ResponseWriter, r *http.Request) {
	as, byID, err := s.agencies(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := CatalogPage{Page: s.page(r, "zl.index.title"), Tree: agencyTree(as)}
	recs, err := s.deps.Catalog.PublicList(r.Context(), catalog.PublicQuery{Limit: latestCount})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Latest = s.itemRows(&pg.Page, recs, byID)
	s.rd.Render(w, r, http.StatusOK, "catalog", pg)
}
