package searchtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/search"
)

// Gov returns n items of a corpus shaped like a real government site's
// (GovItem), for benchmarks at scale: Corpus repeats a few subjects in
// every fourth item, so every query matches a quarter of the corpus;
// here words are drawn with Zipf-distributed frequencies from a large
// vocabulary (places, 街道, villages, agencies, people, companies, some
// 250 subjects, sentences of real reports), so a common word is in many
// items and most words in few. The same seed gives the same corpus.
func Gov(seed uint64, n int) []Item {
	out := make([]Item, n)
	for i := range out {
		out[i] = GovItem(seed, i)
	}
	return out
}

// GovItem returns item i of Gov(seed, …) alone, so a loader can make a
// corpus of a million items a slice at a time: a title of 10–40
// characters naming a subject, often a 文号 (仑民〔2023〕12号), and a body
// of 300–3,000 characters (log-normal, median ≈ 700) of paragraphs of
// template sentences, notices' set phrases and sentences of real reports,
// with dates, sums, people, places and other 文号.
func GovItem(seed uint64, i int) Item {
	g := newGen(seed, i)
	return g.item()
}

// A gen draws one item's words.
type gen struct {
	r                        *rand.Rand
	place, dept, topic, town *rand.Zipf
	tmpl, stmt, measure      *rand.Zipf
	p                        place
	d                        department
	x                        string // the item's subject
	year                     int
}

func newGen(seed uint64, i int) *gen {
	r := rand.New(rand.NewPCG(seed, uint64(i)*0x9e3779b97f4a7c15+1))
	z := func(s float64, n int) *rand.Zipf { return rand.NewZipf(r, s, 4, uint64(n-1)) }
	return &gen{r: r, place: z(1.3, len(places)), dept: z(1.2, len(departments)), topic: z(1.1, len(topics)),
		town: z(1.2, len(towns)), tmpl: z(1.1, len(templates)), stmt: z(1.2, len(statements)),
		measure: z(1.1, len(measures))}
}

func (g *gen) item() Item {
	pi, di := int(g.place.Uint64()), int(g.dept.Uint64())
	g.p, g.d = places[pi], departments[di]
	g.x = topics[g.topic.Uint64()]
	g.year = 2019 + g.r.IntN(7)
	d := search.Doc{Title: g.title()}
	if g.r.IntN(3) > 0 {
		d.DocNo = g.docNo(g.p, g.d, g.year)
	}
	d.Body = g.body()
	return Item{Doc: d, AgencyIdx: pi*len(departments) + di, Year: g.year}
}

// short is a place's name without its city (北仑区 for 宁波市北仑区).
func short(p place) string {
	if i := strings.Index(p.name, "市"); i >= 0 && i+len("市") < len(p.name) {
		return p.name[i+len("市"):]
	}
	return p.name
}

func (g *gen) agency() string { return short(g.p) + g.d.name }

func (g *gen) title() string {
	var t string
	switch g.r.IntN(9) {
	case 0, 1, 2:
		t = fmt.Sprintf("%s《%s%s%s》%s", titleVerbs[g.r.IntN(len(titleVerbs))], short(g.p), g.x, titleKinds[2+g.r.IntN(len(titleKinds)-2)],
			[]string{"的通知", "的通知", "的公告", ""}[g.r.IntN(4)])
	case 3:
		t = fmt.Sprintf("关于%s做好%d年%s工作%s", short(g.p), g.year, g.x, titleKinds[g.r.IntN(3)])
	case 4:
		t = fmt.Sprintf("%s%d年%s工作总结", g.agency(), g.year, g.x)
	case 5:
		t = fmt.Sprintf("%d年第%s季度%s资金发放情况公示", g.year, []string{"一", "二", "三", "四"}[g.r.IntN(4)], g.x)
	case 6:
		t = fmt.Sprintf("%s%s%s工程中标结果公告", g.townName(), g.village(), facilities[g.r.IntN(len(facilities))])
	case 7:
		t = fmt.Sprintf("关于%s等同志职务任免的通知", g.person())
	default:
		t = fmt.Sprintf("%s召开%s工作推进会", g.agency(), g.x)
	}
	for n := utf8.RuneCountInString(t); n < 10; n = utf8.RuneCountInString(t) {
		t = short(g.p) + t
	}
	if rs := []rune(t); len(rs) > 40 {
		t = string(rs[:40])
	}
	return t
}

// docNo is a 文号: 仑民〔2023〕12号, sometimes 仑民发 or 仑民函, and one
// in ten typed with square brackets as sites often mistype it.
func (g *gen) docNo(p place, d department, year int) string {
	kind := []string{"", "", "", "发", "函"}[g.r.IntN(5)]
	open, close := "〔", "〕"
	if g.r.IntN(10) == 0 {
		open, close = "[", "]"
	}
	return fmt.Sprintf("%s%s%s%s%d%s%d号", p.abbr, d.abbr, kind, open, year, close, 1+g.r.IntN(150))
}

func (g *gen) townName() string { return towns[g.town.Uint64()] }

func (g *gen) village() string {
	a, b := villageChars[g.r.IntN(len(villageChars))], villageChars[g.r.IntN(len(villageChars))]
	return string([]rune{a, b}) + []string{"村", "村", "社区"}[g.r.IntN(3)]
}

func (g *gen) person() string {
	n := []rune{surnames[int(math.Min(float64(len(surnames)-1), g.r.ExpFloat64()*25))], givenChars[g.r.IntN(len(givenChars))]}
	if g.r.IntN(4) > 0 {
		n = append(n, givenChars[g.r.IntN(len(givenChars))])
	}
	return string(n)
}

func (g *gen) company() string {
	return fmt.Sprintf("宁波%s%s有限公司", string([]rune{villageChars[g.r.IntN(len(villageChars))], givenChars[g.r.IntN(len(givenChars))]}),
		industries[g.r.IntN(len(industries))])
}

func (g *gen) date() string {
	return fmt.Sprintf("%d年%d月%d日", g.year, 1+g.r.IntN(12), 1+g.r.IntN(28))
}

// other is a subject other than the item's own, drawn as often as
// subjects are.
func (g *gen) other() string { return topics[g.topic.Uint64()] }

// bodyLen draws a body's length in characters: log-normal with median
// 700, within 300–3,000.
func (g *gen) bodyLen() int {
	return int(math.Max(300, math.Min(3000, 700*math.Exp(0.6*g.r.NormFloat64()))))
}

func (g *gen) body() string {
	want := g.bodyLen()
	var b strings.Builder
	n := 0
	para := func(s string) {
		b.WriteString("<p>" + s + "</p>")
		n += utf8.RuneCountInString(s)
	}
	switch g.r.IntN(3) {
	case 0:
		para(fmt.Sprintf("各%s、%s政府各部门、各直属单位：", []string{"街道办事处", "乡镇人民政府"}[g.r.IntN(2)], short(g.p)[len(short(g.p))-len("区"):]))
	case 1:
		para(fmt.Sprintf("为%s，进一步做好%s工作，根据有关法律法规和上级文件精神，结合我%s实际，制定本%s。",
			measures[g.measure.Uint64()], g.x, short(g.p)[len(short(g.p))-len("区"):], []string{"方案", "办法", "意见"}[g.r.IntN(3)]))
	}
	heads := []string{"一、总体要求", "二、主要任务", "三、保障措施", "四、其他事项"}
	h := 0
	for n < want {
		if h < len(heads) && g.r.IntN(5) == 0 {
			para(heads[h])
			h++
		}
		var p strings.Builder
		m := 0
		for k := 2 + g.r.IntN(5); k > 0 && n+m < want; k-- {
			s := g.sentence() + "。"
			p.WriteString(s)
			m += utf8.RuneCountInString(s)
		}
		para(p.String())
	}
	para(g.agency())
	para(g.date())
	return b.String()
}

// sentence draws one sentence: six in ten from the templates, the rest
// set phrases of notices, measures and (3 %: they are all about 政府信息
// 公开) sentences of real reports.
func (g *gen) sentence() string {
	switch k := g.r.IntN(100); {
	case k < 62:
		return templates[g.tmpl.Uint64()](g)
	case k < 85:
		return statements[g.stmt.Uint64()]
	case k < 88:
		return phrases[g.r.IntN(len(phrases))]
	default:
		return measures[g.measure.Uint64()] + "，" + measures[g.measure.Uint64()]
	}
}

// templates are sentences with slots, common first.
var templates = []func(g *gen) string{
	func(g *gen) string {
		return fmt.Sprintf("%s，%s召开%s工作会议，研究部署下一阶段重点工作", g.date(), g.agency(), g.x)
	},
	func(g *gen) string {
		return fmt.Sprintf("各%s要围绕%s、%s等重点工作，%s", "单位", g.x, g.other(), measures[g.measure.Uint64()])
	},
	func(g *gen) string {
		return fmt.Sprintf("%s%s共有%d户%d人纳入%s范围", g.townName(), g.village(), 1+g.r.IntN(300), 1+g.r.IntN(800), g.x)
	},
	func(g *gen) string {
		return fmt.Sprintf("补助标准按照每人每月%d元执行", 100+10*g.r.IntN(150))
	},
	func(g *gen) string {
		return fmt.Sprintf("按照《%s》（%s）要求，%s", g.p.name+g.x+titleKinds[3+g.r.IntN(5)], g.docNo(g.p, departments[g.dept.Uint64()], g.year-g.r.IntN(3)), measures[g.measure.Uint64()])
	},
	func(g *gen) string {
		return fmt.Sprintf("截至%s，全%s累计完成%s任务%d项，完成率%d.%d%%", g.date(), short(g.p)[len(short(g.p))-len("区"):], g.x, 1+g.r.IntN(500), 60+g.r.IntN(40), g.r.IntN(10))
	},
	func(g *gen) string {
		return fmt.Sprintf("联系人：%s，联系电话：0574-86%06d", g.person(), g.r.IntN(1000000))
	},
	func(g *gen) string {
		return fmt.Sprintf("本项目总投资%d.%d万元，主要建设%s%d处", 50+g.r.IntN(50000), g.r.IntN(100), facilities[g.r.IntN(len(facilities))], 1+g.r.IntN(20))
	},
	func(g *gen) string { return fmt.Sprintf("%s和%s工作纳入年度综合考核", g.x, g.other()) },
	func(g *gen) string {
		return fmt.Sprintf("据统计，%d年%s资金支出%d.%d万元，同比增长%d.%d%%", g.year-1, g.x, 10+g.r.IntN(90000), g.r.IntN(10), g.r.IntN(30), g.r.IntN(10))
	},
	func(g *gen) string {
		return fmt.Sprintf("申请%s的，应当向户籍所在地%s提出书面申请", g.x, g.townName())
	},
	func(g *gen) string { return fmt.Sprintf("公示期为%s至%s", g.date(), g.date()) },
	func(g *gen) string {
		return fmt.Sprintf("%s同志任%s副局长，免去其%s%s职务", g.person(), g.agency(), short(g.p), departments[g.r.IntN(len(departments))].name)
	},
	func(g *gen) string {
		return fmt.Sprintf("%s中标%s%s%s工程，中标金额%d.%d万元", g.company(), g.townName(), g.village(), facilities[g.r.IntN(len(facilities))], 10+g.r.IntN(9000), g.r.IntN(100))
	},
	func(g *gen) string {
		return fmt.Sprintf("原《%s%s管理办法》（%s）同时废止", short(g.p), g.x, g.docNo(g.p, g.d, g.year-1-g.r.IntN(5)))
	},
	func(g *gen) string { return fmt.Sprintf("有效期%d年", 2+g.r.IntN(4)) },
	func(g *gen) string {
		return fmt.Sprintf("%s对%s作出行政处罚决定，罚款%d元", short(g.p)+departments[g.dept.Uint64()].name, g.company(), 1000*(1+g.r.IntN(200)))
	},
	func(g *gen) string {
		return fmt.Sprintf("根据《中华人民共和国%s》第%d条规定", laws[g.r.IntN(len(laws))], 1+g.r.IntN(80))
	},
	func(g *gen) string {
		return fmt.Sprintf("%s%s%s项目已完成竣工验收", g.townName(), g.village(), g.other())
	},
	func(g *gen) string {
		return fmt.Sprintf("%s涉及%s%s等%d个村（社区）", g.x, g.townName(), g.village(), 2+g.r.IntN(30))
	},
	func(g *gen) string {
		return fmt.Sprintf("%s、%s、%s等同志参加检查", g.person(), g.person(), g.person())
	},
	func(g *gen) string {
		return fmt.Sprintf("%s%s带队赴%s督查%s工作", g.agency(), []string{"主要负责人", "分管负责人", "局长", "副局长"}[g.r.IntN(4)], g.townName(), g.other())
	},
}

// laws are the laws sentences cite.
var laws = []string{"政府信息公开条例", "行政许可法", "行政处罚法", "土地管理法", "安全生产法", "食品安全法", "环境保护法",
	"城乡规划法", "招标投标法", "政府采购法", "预算法", "传染病防治法", "消防法", "道路交通安全法", "劳动合同法", "社会保险法"}

// GovQueries returns the queries the benchmarks ask of a Gov corpus,
// named by kind: one character, a realistic two-character word, a
// deliberately common one, four characters, several terms, a 文号 and a
// 文号 prefix, a rare word and a miss.
func GovQueries() []NamedQuery {
	return []NamedQuery{
		{"1char", "保"}, {"2char", "低保"}, {"2char-common", "公开"}, {"4char", "征收拆迁"}, {"multi", "拆迁 补偿 货币"},
		{"docno", "仑民〔2023〕18号"}, {"docno-prefix", "仑民〔2023〕"}, {"rare", "古树名木"}, {"miss", "不存在的词"},
	}
}

// A NamedQuery is a benchmark query and its kind.
type NamedQuery struct{ Name, Q string }

// DocFreqs returns, for each query, how many items match it as search
// means it (catalog.md §5: every folded term within one paragraph), by
// scanning every item: the figures the benchmarks print beside their
// latencies.
func DocFreqs(items []Item, queries []string) []int {
	terms := make([][]string, len(queries))
	for i, q := range queries {
		terms[i] = strings.Fields(search.Fold(q))
	}
	out := make([]int, len(queries))
	for _, it := range items {
		paras := strings.Split(search.FoldedText(it.Doc.Paragraphs()), "\n")
	query:
		for i, ts := range terms {
			for _, t := range ts {
				if !slices.ContainsFunc(paras, func(p string) bool { return strings.Contains(p, t) }) {
					continue query
				}
			}
			out[i]++
		}
	}
	return out
}
