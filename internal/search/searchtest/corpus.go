// Package searchtest generates corpora of government documents for the
// search's property tests and benchmarks: titles, 文号 and bodies built from
// the phrases agencies actually write, not lorem ipsum.
package searchtest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/gongkai/gongkai/internal/search"
)

var (
	issuers  = []string{"宁波市北仑区人民政府办公室", "区民政局", "区住房和城乡建设局", "区人力资源和社会保障局", "区财政局", "大碶街道办事处", "区自然资源和规划分局", "区卫生健康局", "区教育局", "區市場監督管理局"}
	prefixes = []string{"仑政办", "仑民", "仑建", "仑人社", "仑财", "碶街", "仑资规", "仑卫健", "仑教", "仑市监"}
	verbs    = []string{"关于印发", "关于做好", "关于调整", "关于公布", "关于开展", "关于进一步加强", "关于废止", "關於實施"}
	subjects = []string{"城乡居民最低生活保障", "低保", "特困人员救助供养", "征收拆迁补偿安置", "拆迁", "政府信息公开", "重大建设项目",
		"政府采购", "行政事业性收费", "安全生产", "义务教育招生", "老旧小区改造", "医疗保障", "就业创业补贴", "防汛防台", "人才安居", "农村宅基地"}
	kinds   = []string{"工作的通知", "实施办法", "管理办法", "标准的通知", "结果的公告", "实施方案", "若干意见", "政策解读", "暂行規定"}
	openers = []string{"各街道办事处、区政府各部门、各直属单位：", "各有关单位：", "为贯彻落实《中华人民共和国政府信息公开条例》，", "根据上级有关文件精神，"}
	claims  = []string{"现将有关事项通知如下", "经区政府同意，现予印发，请认真贯彻执行", "本办法自发布之日起施行", "请各单位结合实际抓好落实",
		"补助标准按照每人每月%d元执行", "共涉及%d户家庭", "资金由区财政统筹安排", "申请人应当如实提供家庭收入和财产状况",
		"对符合条件的对象及时纳入保障范围", "征收范围内的房屋所有权人可以选择货币补偿或者产权调换", "联系电话：0574-8678%04d",
		"原《%s%s》同时废止", "有效期%d年", "公示期为%d个工作日", "咨询时间为工作日上午9:00至下午5:00"}
)

// An Item is a generated document.
type Item struct {
	Doc       search.Doc
	AgencyIdx int // index into the issuers, for filters
	Year      int
}

// Corpus returns n items drawn from seed; the same seed gives the same
// corpus. Bodies have 2–6 paragraphs of 2–5 sentences.
func Corpus(seed uint64, n int) []Item {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	out := make([]Item, n)
	for i := range out {
		a := r.IntN(len(issuers))
		year := 2019 + r.IntN(7)
		subj := pick(subjects)
		d := search.Doc{Title: pick(verbs) + subj + pick(kinds)}
		if r.IntN(3) > 0 {
			d.DocNo = fmt.Sprintf("%s〔%d〕%d号", prefixes[a], year, 1+r.IntN(120))
			if r.IntN(8) == 0 {
				d.DocNo = fmt.Sprintf("%s[%d]%d号", prefixes[a], year, 1+r.IntN(120)) // square brackets, as sites often mistype
			}
		}
		var b strings.Builder
		b.WriteString("<p>" + pick(openers) + "</p>")
		for range 2 + r.IntN(5) {
			b.WriteString("<p>")
			for range 2 + r.IntN(4) {
				c := pick(claims)
				switch strings.Count(c, "%") {
				case 1:
					c = fmt.Sprintf(c, 1+r.IntN(2000))
				case 2:
					c = fmt.Sprintf(c, pick(verbs), pick(subjects))
				}
				if r.IntN(4) == 0 {
					c = pick(subjects) + c
				}
				b.WriteString(c + "。")
			}
			b.WriteString("</p>")
		}
		b.WriteString("<p>" + issuers[a] + "</p>")
		d.Body = b.String()
		out[i] = Item{Doc: d, AgencyIdx: a, Year: year}
	}
	return out
}

// Queries returns queries worth asking of a Corpus: 1-, 2-, 4-character
// words, multi-term queries, 文号, 繁體, full-width and misses.
func Queries() []string {
	return []string{"低", "保", "〔", "低保", "拆迁", "补偿", "公开", "最低生活", "征收拆迁", "政府信息公开条例",
		"低保 标准", "拆迁 补偿 货币", "仑民〔2021〕", "〔2023〕1号", "仑民[2020]", "關於", "實施", "救助供養",
		"ＡＢ", "２０２２", "0574", "元执", "通知如下", "不存在的词", "保障 废止 工作日", "区民政局 低保"}
}
