package catalog

import (
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
)

// An Article says which statutory item a column publishes: Item 1–15 of
// 条例第二十条, or Item 0 for the local items of 第二十一条. Table 二 and
// the narrative of the annual report count items by it.
type Article struct {
	Art  int // 20 or 21
	Item int // 1–15 for 第二十条; 0 for 第二十一条
}

// String returns the article in Chinese, e.g. 第二十条第（一）项.
func (a Article) String() string {
	if a.Art == 21 {
		return "第二十一条"
	}
	if a.Item >= 1 && a.Item <= 15 {
		return "第二十条第（" + cnNum[a.Item] + "）项"
	}
	return ""
}

// Valid reports whether a names 第二十条 (一)–(十五) or 第二十一条.
func (a Article) Valid() bool {
	return (a.Art == 20 && a.Item >= 1 && a.Item <= 15) || (a.Art == 21 && a.Item == 0)
}

var cnNum = [...]string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五"}

// A Level is the kind of agency, which decides its 第二十一条 columns.
type Level string

// The levels of 条例第二十一条.
const (
	// LevelCounty is a 设区的市级 or 县级 people's government or one of its
	// departments: 市政建设, 公共服务, 公益事业, 土地征收, 房屋征收, 治安管理, 社会救助.
	LevelCounty Level = "county"
	// LevelTownship is a 乡（镇）people's government or 街道: 农业农村政策 … 社会救助.
	LevelTownship Level = "township"
	// LevelOther is any other agency (a province, a ministry): 第二十条 only.
	LevelOther Level = "other"
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l == LevelCounty || l == LevelTownship || l == LevelOther }

// GuessLevel picks the level from an agency's name: a 乡/镇人民政府 or a
// 街道办事处 is a township, anything else a county-level agency (the
// platform hosts district and city agencies). Staff can change it.
func GuessLevel(name string) Level {
	switch {
	case strings.HasSuffix(name, "乡人民政府"), strings.HasSuffix(name, "镇人民政府"),
		strings.HasSuffix(name, "街道办事处"), strings.HasSuffix(name, "街道"):
		return LevelTownship
	}
	return LevelCounty
}

// A Column is one column of an agency's catalogue. Path is the column's
// codes from the top joined by "/" ("rules/normative"); it is what an
// item's category holds.
type Column struct {
	ID       int64
	AgencyID int64
	Path     string
	Name     string
	Article  Article
	Order    int  // position among its siblings
	Builtin  bool // seeded from catalog.md §1; cannot be removed or remapped
}

// Parent returns the path of the column above, or "" for a top column.
func (c Column) Parent() string { return ParentPath(c.Path) }

// ParentPath returns the path above p, or "".
func ParentPath(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// Depth returns 1 for a top column, 2 for its children, and so on.
func (c Column) Depth() int { return strings.Count(c.Path, "/") + 1 }

var codeRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// MaxColumnDepth bounds the tree: a top column and three levels below.
const MaxColumnDepth = 4

// CheckPath checks a category path: codes of lower-case ASCII letters,
// digits, "-" and "_", at most MaxColumnDepth of them.
func CheckPath(p string) error {
	if p == "" {
		return apperr.New(apperr.Invalid, "catalog.column.empty")
	}
	codes := strings.Split(p, "/")
	if len(codes) > MaxColumnDepth {
		return apperr.New(apperr.Invalid, "catalog.column.too_deep", p, MaxColumnDepth)
	}
	for _, c := range codes {
		if !codeRE.MatchString(c) {
			return apperr.New(apperr.Invalid, "catalog.column.code_invalid", c)
		}
	}
	return nil
}

// seedColumn is one column of the default tree.
type seedColumn struct {
	path, name string
	art        Article
}

func a20(item int) Article { return Article{Art: 20, Item: item} }

var a21 = Article{Art: 21}

// article20Tree is 法定主动公开内容 in the order of 国办公开办函〔2019〕61号,
// one top column per item of 条例第二十条, with the 规章 and 行政规范性文件
// sub-columns 61号 asks to mark 有效/失效/废止 (catalog.md §1).
var article20Tree = []seedColumn{
	{"organ", "机构职能", a20(2)}, // 第二十条（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名
	{"rules", "法规文件", a20(1)}, // （一）行政法规、规章和规范性文件
	{"rules/regulation", "规章", a20(1)},
	{"rules/normative", "行政规范性文件", a20(1)},
	{"rules/policy", "其他文件", a20(1)},
	{"plans", "规划信息", a20(3)},            // （三）规划及相关政策
	{"statistics", "统计信息", a20(4)},       // （四）统计信息
	{"licensing", "行政许可", a20(5)},        // （五）行政许可和其他对外管理服务事项
	{"enforcement", "行政处罚和行政强制", a20(6)}, // （六）
	{"budget", "财政预决算", a20(7)},          // （七）财政预算、决算信息
	{"fees", "行政事业性收费", a20(8)},          // （八）
	{"procurement", "政府采购", a20(9)},      // （九）
	{"projects", "重大建设项目", a20(10)},      // （十）
	{"livelihood", "民生领域", a20(11)},      // （十一）扶贫、教育、医疗、社会保障、促进就业
	{"emergency", "应急管理", a20(12)},       // （十二）突发公共事件
	{"inspection", "监督检查", a20(13)},      // （十三）环境保护、公共卫生、安全生产、食品药品、产品质量
	{"recruitment", "公务员招考", a20(14)},    // （十四）
	{"other", "其他法定公开信息", a20(15)},       // （十五）
}

// countyTree holds the 第二十一条 columns of 设区的市级、县级人民政府及其部门.
var countyTree = []seedColumn{
	{"local", "本地公开事项", a21},
	{"local/municipal", "市政建设", a21},
	{"local/services", "公共服务", a21},
	{"local/welfare", "公益事业", a21},
	{"local/land", "土地征收", a21},
	{"local/housing", "房屋征收", a21},
	{"local/security", "治安管理", a21},
	{"local/assistance", "社会救助", a21},
}

// townshipTree holds the 第二十一条 columns of 乡（镇）人民政府.
var townshipTree = []seedColumn{
	{"local", "本地公开事项", a21},
	{"local/agri-policy", "农业农村政策", a21},
	{"local/irrigation", "农田水利工程建设运营", a21},
	{"local/land-transfer", "农村土地承包经营权流转", a21},
	{"local/homestead", "宅基地使用情况审核", a21},
	{"local/land", "土地征收", a21},
	{"local/housing", "房屋征收", a21},
	{"local/funding", "筹资筹劳", a21},
	{"local/assistance", "社会救助", a21},
}

// DefaultColumns returns the 法定主动公开内容 tree an agency of level
// starts with (catalog.md §1): every 第二十条 column and the 第二十一条
// columns of its level, in display order, parents before children.
func DefaultColumns(agencyID int64, level Level) []Column {
	tree := article20Tree
	switch level {
	case LevelCounty:
		tree = append(append([]seedColumn(nil), tree...), countyTree...)
	case LevelTownship:
		tree = append(append([]seedColumn(nil), tree...), townshipTree...)
	}
	out := make([]Column, len(tree))
	order := map[string]int{}
	for i, s := range tree {
		parent := ParentPath(s.path)
		order[parent]++
		out[i] = Column{AgencyID: agencyID, Path: s.path, Name: s.name, Article: s.art, Order: order[parent], Builtin: true}
	}
	return out
}

// A Tree is an agency's columns by path.
type Tree map[string]Column

// NewTree indexes cols by path.
func NewTree(cols []Column) Tree {
	t := make(Tree, len(cols))
	for _, c := range cols {
		t[c.Path] = c
	}
	return t
}

// NewSubColumn checks a sub-column an agency adds under parent and
// returns it: the code must be new under the parent, and the column maps
// to its parent's article (an agency's own sub-columns sit inside a
// statutory column, catalog.md §1).
func (t Tree) NewSubColumn(parent, code, name string) (Column, error) {
	p, ok := t[parent]
	if !ok {
		return Column{}, apperr.New(apperr.Invalid, "catalog.column.no_parent", parent)
	}
	path := parent + "/" + code
	if err := CheckPath(path); err != nil {
		return Column{}, err
	}
	if _, dup := t[path]; dup {
		return Column{}, apperr.New(apperr.Invalid, "catalog.column.exists", path)
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return Column{}, apperr.New(apperr.Invalid, "catalog.column.name_empty")
	}
	n := 0
	for _, c := range t {
		if c.Parent() == parent {
			n++
		}
	}
	return Column{AgencyID: p.AgencyID, Path: path, Name: name, Article: p.Article, Order: n + 1}, nil
}

// Article returns the article of the column at path: the column's own,
// or its nearest ancestor's when path names a column the tree lacks.
func (t Tree) Article(path string) (Article, bool) {
	for p := path; p != ""; p = ParentPath(p) {
		if c, ok := t[p]; ok {
			return c.Article, true
		}
	}
	return Article{}, false
}
