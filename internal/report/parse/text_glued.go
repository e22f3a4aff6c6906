package parse

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Crawled pages often keep a report's text with every table cell run
// together, the whole body on one line:
//
//	一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量0000000（一）予以公开…
//
// unglue cuts such a line back into lines of cells at the template's own
// words — the section headings, the row labels and the column headers of
// tables 二, 三 and 四 — so that the extractor sees one row label followed
// by its value cells. The digits of a row stay run together ("1000001");
// the extractor splits them with the template's arithmetic (runs.go).

// An anchor is a word of the template that starts a cell.
type anchor struct {
	key  string // normalised (half-width, no quotes)
	kind anchorKind
	// num is the item number the template prints before the label ("2"
	// for 2.重复申请): only that number is taken from the digits before
	// it, so "00000002.重复申请" keeps its seven zeros.
	num string
	// value tells that a value must follow at once (short, common words
	// such as 规章 or 行政许可 that prose also uses).
	value bool
	// numbered tells that the anchor counts only with a numbering before
	// it (一、总体情况, （七）总计).
	numbered bool
}

type anchorKind uint8

const (
	aHeading anchorKind = iota // a section heading: the rest of its segment is prose
	aLabel                     // a row label: values follow
	aHeader                    // a column header: text only, values may follow (table 四)
)

// anchors are the template's words, both templates.
var anchors = func() []anchor {
	a := []anchor{
		{key: "总体情况", kind: aHeading, numbered: true},
		{key: "主动公开政府信息情况", kind: aHeading, numbered: true},
		{key: "收到和处理政府信息公开申请情况", kind: aHeading, numbered: true},
		{key: "政府信息公开行政复议、行政诉讼情况", kind: aHeading, numbered: true},
		{key: "政府信息公开行政复议,行政诉讼情况", kind: aHeading, numbered: true},
		{key: "存在的主要问题及改进情况", kind: aHeading, numbered: true},
		{key: "存在问题及改进情况", kind: aHeading, numbered: true},
		{key: "其他需要报告的事项", kind: aHeading, numbered: true},

		{key: "本年新收", kind: aLabel},
		{key: "上年结转", kind: aLabel},
		{key: "本年度办理结果", kind: aLabel},
		{key: "予以公开", kind: aLabel, value: true},
		{key: "部分公开", kind: aLabel, value: true},
		{key: "部分公开(区分处理的", kind: aLabel},
		{key: "不予公开", kind: aLabel, numbered: true},
		{key: "属于国家秘密", kind: aLabel, num: "1"},
		{key: "其他法律行政法规禁止公开", kind: aLabel, num: "2"},
		{key: "危及三安全一稳定", kind: aLabel, num: "3"},
		{key: "保护第三方合法权益", kind: aLabel, num: "4"},
		{key: "属于三类内部事务信息", kind: aLabel, num: "5"},
		{key: "属于四类过程性信息", kind: aLabel, num: "6"},
		{key: "属于行政执法案卷", kind: aLabel, num: "7"},
		{key: "属于行政查询事项", kind: aLabel, num: "8"},
		{key: "无法提供", kind: aLabel, numbered: true},
		{key: "本机关不掌握", kind: aLabel, num: "1"},
		{key: "没有现成信息", kind: aLabel, num: "2"},
		{key: "补正后申请内容", kind: aLabel, num: "3"},
		{key: "不予处理", kind: aLabel, numbered: true},
		{key: "信访举报投诉", kind: aLabel, num: "1"},
		{key: "重复申请", kind: aLabel, num: "2", value: true},
		{key: "要求提供公开出版物", kind: aLabel, num: "3"},
		{key: "无正当理由大量反复申请", kind: aLabel, num: "4"},
		{key: "要求行政机关确认或重新出具", kind: aLabel, num: "5"},
		{key: "其他处理", kind: aLabel, numbered: true},
		{key: "申请人无正当理由逾期不补正", kind: aLabel, num: "1"},
		{key: "申请人逾期未按收费通知", kind: aLabel, num: "2"},
		{key: "其他", kind: aLabel, num: "3", value: true},
		{key: "总计", kind: aLabel, numbered: true},
		{key: "结转下年度继续办理", kind: aLabel},
		{key: "结转下年度", kind: aLabel},

		{key: "规章", kind: aLabel, value: true},
		{key: "行政规范性文件", kind: aLabel, value: true},
		{key: "规范性文件", kind: aLabel, value: true},
		{key: "行政许可", kind: aLabel, value: true},
		{key: "其他对外管理服务事项", kind: aLabel},
		{key: "行政处罚", kind: aLabel, value: true},
		{key: "行政强制", kind: aLabel, value: true},
		{key: "行政事业性收费", kind: aLabel, value: true},
		{key: "政府集中采购", kind: aLabel, value: true},
	}
	for _, h := range []string{
		"第二十条第", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
		"本年处理决定数量", "本年收费金额", "本年新制作数量", "本年新公开数量",
		"对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量",
		"采购总金额", "(本列数据的勾稽关系", "申请人情况",
		"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
	} {
		a = append(a, anchor{key: h, kind: aHeader})
	}
	// Longest first, so that 行政规范性文件 wins over 规范性文件.
	sort.SliceStable(a, func(i, j int) bool { return len(a[i].key) > len(a[j].key) })
	return a
}()

// gluedMinAnchors is how many row labels directly followed by digits a
// line needs before unglue treats it as run-together table text.
const gluedMinAnchors = 3

// A segment is one cell-line cut from a run-together line.
type segment struct {
	kind  anchorKind
	label string   // the label or heading as written; "" for prose before the first anchor
	vals  []string // value cells (space-separated groups of digits stay apart)
	rest  string   // prose after a heading
}

// normRunes folds a line for anchor matching: full-width ASCII becomes
// half-width, traditional characters simplified, quotes and ideographic
// spaces go; off[i] is the byte offset
// in s of the rune that produced norm's byte i.
func normRunes(s string) (norm string, off []int) {
	var trad map[rune]rune
	if hasTrad(s) {
		trad = tradTable()
	}
	var b strings.Builder
	b.Grow(len(s))
	off = make([]int, 0, len(s)+1)
	for i, r := range s {
		if r >= utf8.RuneSelf {
			if f := width.LookupRune(r).Folded(); f != 0 {
				r = f
			}
		}
		switch r {
		case '“', '”', '"', '‘', '’', '\'', '「', '」', '\u200b', '\ufeff':
			continue
		case '\u3000', '\u00a0':
			r = ' '
		}
		if v, ok := trad[r]; ok {
			r = v
		}
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			off = append(off, i)
		}
	}
	off = append(off, len(s))
	return b.String(), off
}

// A hit is one anchor found in a normalised line.
type hit struct {
	start, end int // the anchor's bytes in the normalised line
	from       int // where its cell starts, numbering included
	a          *anchor
}

// unglue cuts a run-together line into segments; ok is false when the line
// is not run-together table text.
func unglue(line string) (segs []segment, ok bool) {
	if len(line) < 120 {
		return nil, false
	}
	n, off := normRunes(line)
	var hits []hit
	for ai := range anchors {
		a := &anchors[ai]
		for from := 0; ; {
			k := strings.Index(n[from:], a.key)
			if k < 0 {
				break
			}
			s := from + k
			from = s + len(a.key)
			hits = append(hits, hit{start: s, end: s + len(a.key), a: a})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].start != hits[j].start {
			return hits[i].start < hits[j].start
		}
		return hits[i].end > hits[j].end
	})
	kept := hits[:0]
	last := 0
	for _, h := range hits {
		if h.start < last {
			continue
		}
		h.from = numberingBefore(n, h.start, last, h.a)
		if h.a.numbered && h.from == h.start {
			continue
		}
		if h.a.value && !valueFollows(n[h.end:]) {
			continue
		}
		if h.a.num != "" && h.from == h.start && !valueFollows(n[h.end:]) && h.a.kind == aLabel && len(h.a.key) < 12 {
			continue
		}
		if h.a.kind == aLabel && countFollows(n[h.end:]) {
			continue // prose: "本年新收政府信息公开申请12件"
		}
		kept = append(kept, h)
		last = h.end
	}
	glued := 0
	for _, h := range kept {
		if h.a.kind == aLabel && digitFollows(n, h) {
			glued++
		}
	}
	if glued < gluedMinAnchors {
		return nil, false
	}
	raw := func(a, b int) string { return strings.TrimSpace(line[off[a]:off[b]]) }
	if len(kept) > 0 && kept[0].from > 0 {
		segs = append(segs, segment{rest: raw(0, kept[0].from)})
	}
	for i, h := range kept {
		end := len(n)
		if i+1 < len(kept) {
			end = kept[i+1].from
		}
		// The label runs to the first value character after the anchor.
		v := h.end
		for v < end && !startsValue(n[v:]) {
			v++
		}
		seg := segment{kind: h.a.kind, label: raw(h.from, v)}
		if h.a.kind == aHeading {
			seg.label = raw(h.from, h.end)
			seg.rest = raw(h.end, end)
		} else if vals, tail := splitValues(n[v:end]); h.a.kind == aHeader && tail != "" {
			// A header is followed by values only at the end of a table
			// (table 四's fifteen); "第二十条第(1)项" keeps its digit.
			seg.label = raw(h.from, end)
		} else {
			for _, c := range vals {
				seg.vals = append(seg.vals, c)
			}
			if tail != "" {
				seg.rest = raw(end-len(tail), end)
			}
		}
		segs = append(segs, seg)
	}
	return segs, true
}

// numberingBefore returns where the item number before an anchor starts
// (the anchor's start when there is none): "(三)", "三、", "(七)", or the
// anchor's own number "2." / "2、".
func numberingBefore(n string, start, floor int, a *anchor) int {
	s := n[floor:start]
	t := strings.TrimRight(s, " ")
	from := floor + len(t)
	switch {
	case strings.HasSuffix(t, ")"):
		if i := strings.LastIndexByte(t, '('); i >= 0 && i >= len(t)-12 {
			inner := t[i+1 : len(t)-1]
			if inner != "" && strings.Trim(inner, "一二三四五六七八九十0123456789") == "" {
				return floor + i
			}
		}
	case strings.HasSuffix(t, "、") || strings.HasSuffix(t, ".") || strings.HasSuffix(t, "．"):
		_, sz := utf8.DecodeLastRuneInString(t)
		body := t[:len(t)-sz]
		r, rsz := utf8.DecodeLastRuneInString(body)
		switch {
		case strings.ContainsRune("一二三四五六七八九十", r):
			return from - sz - rsz
		case a.num != "" && strings.HasSuffix(body, a.num):
			return from - sz - len(a.num)
		}
	}
	return start
}

// startsValue reports whether s starts with a value: a digit, a sign
// before a digit, a dash or slash standing for no value.
func startsValue(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	switch {
	case c >= '0' && c <= '9':
		return true
	case c == '-' || c == '+':
		return len(s) > 1 && s[1] >= '0' && s[1] <= '9'
	case c == '/':
		return true
	}
	return false
}

// valueFollows reports whether a value follows after optional spaces.
func valueFollows(s string) bool {
	s = strings.TrimLeft(s, " ")
	return startsValue(s) || strings.HasPrefix(s, "—") || strings.HasPrefix(s, "－")
}

// digitFollows reports whether a digit follows the hit's label, allowing
// a wrapped tail of the label (本年新收政府信息公开申请数量1000001).
func digitFollows(n string, h hit) bool {
	rest := n[h.end:]
	for i, r := range rest {
		if r >= '0' && r <= '9' {
			return true
		}
		if r == ' ' || i > 120 {
			return i > 0 && valueFollows(rest[i:])
		}
		if unicode.IsPunct(r) && r != '(' && r != ')' && r != ',' && r != '、' {
			return false
		}
	}
	return false
}

// splitValues splits the value part of a segment at spaces into cells
// ("2 0 00 0 0 2" → six cells) and returns the prose that follows the
// values, if any.
func splitValues(s string) (vals []string, tail string) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= '0' && c <= '9' || c == ' ' || c == '-' || c == '+' || c == '.' || c == '/' || c == ',' {
			i++
			continue
		}
		break
	}
	// Do not cut inside a decimal or a trailing number that prose starts with.
	vals = strings.Fields(s[:i])
	return vals, strings.TrimSpace(s[i:])
}

// countFollows reports whether the first number after a label is a count
// in prose — followed by a unit such as 件 or 条 — rather than a cell.
func countFollows(s string) bool {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 || i > 60 {
		return false
	}
	j := i
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',') {
		j++
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return strings.ContainsRune("件条项个次人份%年月日", r)
}
