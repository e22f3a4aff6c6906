package search

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＡＢＣ１２３", "abc123"},
		{"仑司〔２０２２〕12号", "仑司〔2022〕12号"},
		{"關於做好最低生活保障工作的通知", "关于做好最低生活保障工作的通知"},
		{"㈠总则", "(一)总则"},
		{"全角\u3000空格", "全角 空格"},
		{"GongKai", "gongkai"},
		{"e\u0301", "é"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldMap(t *testing.T) {
	s := "ＡB㈠關"
	f, off := FoldMap(s)
	if f != "ab(一)关" || len(off) != len(f)+1 || off[len(f)] != len(s) {
		t.Fatalf("FoldMap(%q) = %q, %v", s, f, off)
	}
	if off[1] != 3 || off[2] != 4 || off[strings.Index(f, "关")] != strings.Index(s, "關") {
		t.Errorf("offsets %v", off)
	}
}

func TestKeys(t *testing.T) {
	got := Keys(Fold("低保 审批\n拆迁"))
	want := []string{"低", "低保", "保", "审", "审批", "批", "拆", "拆迁", "迁"} // byte order
	if !slices.Equal(got, want) {
		t.Errorf("Keys = %q, want %q (no key spans a space or a paragraph break)", got, want)
	}
	for _, c := range []struct {
		term string
		want []string
	}{
		{"低", []string{"低"}},
		{"低保", []string{"低保"}},
		{"最低生活", []string{"最低", "低生", "生活"}},
		{"关于做好最低生活保障工作", []string{"关于", "好最", "生活", "工作"}},
	} {
		if got := TermKeys(c.term); !slices.Equal(got, c.want) {
			t.Errorf("TermKeys(%q) = %q, want %q", c.term, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  []string
		exact bool
		err   string
	}{
		{"低保", []string{"低保"}, true, ""},
		{"  拆迁\u3000补偿  ", []string{"拆迁", "补偿"}, true, ""},
		{"最低生活保障 低保", []string{"最低生活保障", "低保"}, false, ""},
		{"低保 最低 低", []string{"低保", "最低"}, true, ""},
		{"保障 保障", []string{"保障"}, true, ""},
		{"仑司〔２０２２〕１２号", []string{"仑司〔2022〕12号"}, false, ""},
		{"   ", nil, false, "empty query"},
		{strings.Repeat("长", 65), nil, false, "term too long"},
		{"a b c d e f g h i", nil, false, "too many terms"},
		{"\xff", nil, false, "UTF-8"},
	} {
		q, err := Parse(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Parse(%q) error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(q.Terms, c.want) || q.Exact() != c.exact {
			t.Errorf("Parse(%q) = %q exact %v, %v; want %q exact %v", c.in, q.Terms, q.Exact(), err, c.want, c.exact)
		}
	}
}

func TestMatchParagraphs(t *testing.T) {
	d := Doc{Title: "关于调整城乡低保标准的通知", DocNo: "仑民〔2024〕3号",
		Body: "<p>各街道：</p><p>现将城乡最低生活</p><p>保障标准调整如下。拆迁安置&amp;补偿</p>"}
	folded := FoldedText(d.Paragraphs())
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"低保", true},
		{"拆迁", true},
		{"安置&补偿", true},
		{"仑民〔2024〕3号", true},
		{"仑民〔２０２４〕３号", true},
		{"調整 標準", true},
		{"生活保障", false}, // spans a paragraph break
		{"低保 拆迁 各街道", true},
		{"低保 征收", false},
		{"<p>", false},
	} {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Match(folded); got != c.want {
			t.Errorf("%q matches = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestRankAndSort(t *testing.T) {
	q, _ := Parse("低保")
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	texts := map[int64]string{
		1: "关于低保的通知\n\n正文低保",
		2: "通知\n\n低保低保低保",
		3: "低保工作\n\n无",
		4: "通知\n\n低保",
		5: "通知\n\n无关",
	}
	pub := map[int64]time.Time{1: day(1), 2: day(2), 3: day(3), 4: day(4), 5: day(5)}
	var hs []Hit
	for id := int64(1); id <= 5; id++ {
		if h, ok := q.Rank(id, pub[id], texts[id]); ok {
			hs = append(hs, h)
		}
	}
	Sort(hs)
	var ids []int64
	for _, h := range hs {
		ids = append(ids, h.ID)
	}
	// title hits first (1 scores 11, 3 scores 10), then 2 (score 3), then 4.
	if want := []int64{1, 3, 2, 4}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
}

func TestSnippet(t *testing.T) {
	d := Doc{Title: "關於城鄉低保的通知", Body: "<p>第一段无关。</p><p>" + strings.Repeat("前文", 20) +
		"现将ＡＢＣ低保标准调整如下，低保对象&lt;名单&gt;另行公布。" + strings.Repeat("后文", 60) + "</p>"}
	q, _ := Parse("低保 abc")
	sn := q.MakeSnippet(d.Paragraphs())
	h := sn.HTML()
	for _, want := range []string{"现将<mark>ＡＢＣ低保</mark>标准", "<mark>低保</mark>对象&lt;名单&gt;", "…"} {
		if !strings.Contains(h, want) {
			t.Errorf("snippet %q lacks %q", h, want)
		}
	}
	if n := utf8.RuneCountInString(sn.Text("", "")); n > snippetRunes+2 {
		t.Errorf("snippet has %d characters", n)
	}
	// a title-only hit shows the title, in its original characters
	q2, _ := Parse("城乡")
	if got := q2.MakeSnippet(d.Paragraphs()).Text("【", "】"); got != "關於【城鄉】低保的通知" {
		t.Errorf("title snippet %q", got)
	}
	// a hit inside a folded segment (㈠ → (一)) marks the whole character
	q3, _ := Parse("一")
	if got := q3.MakeSnippet([]string{"t", "", "第㈠条"}).Text("[", "]"); got != "第[㈠]条" {
		t.Errorf("segment snippet %q", got)
	}
}

func TestHTMLParagraphs(t *testing.T) {
	got := HTMLParagraphs("<h1>标题</h1><p>第一段<br>第二行</p><script>x()</script><table><tr><td>甲</td><td>乙</td></tr></table>正文\n续")
	want := []string{"标题", "第一段", "第二行", "甲", "乙", "正文", "续"}
	if !slices.Equal(got, want) {
		t.Errorf("HTMLParagraphs = %q, want %q", got, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"低保", "仑司〔２０２２〕１２号 拆迁", "", "\xff", "a\u3000b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		for _, term := range q.Terms {
			if term == "" || strings.ContainsAny(term, " \n\t") || len(TermKeys(term)) == 0 {
				t.Fatalf("bad term %q from %q", term, s)
			}
		}
	})
}

func FuzzFoldMap(f *testing.F) {
	for _, s := range []string{"ＡB㈠關", "e\u0301x", "\xff\xfe", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded, off := FoldMap(s)
		if len(off) != len(folded)+1 || off[len(folded)] != len(s) {
			t.Fatalf("offsets of %q: %d for %d bytes", s, len(off), len(folded))
		}
		for i := 1; i < len(off); i++ {
			if off[i] < off[i-1] {
				t.Fatalf("offsets of %q decrease at %d", s, i)
			}
		}
		q := Query{Terms: []string{"a"}}
		_ = q.mark(s)
	})
}

func FuzzHTMLParagraphs(f *testing.F) {
	f.Add("<p>低保<br/>拆迁</p>")
	f.Add("<script>")
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range HTMLParagraphs(s) {
			if p == "" || strings.Contains(p, "\n") {
				t.Fatalf("paragraph %q", p)
			}
		}
	})
}

var benchText = strings.Repeat("關於進一步做好城鄉居民最低生活保障工作的通知。现将有关事项通知如下，补助标准按照每人每月１２００元执行。", 20)

// BenchmarkFold measures folding (NFKC, lower case, 繁→简) per byte of text;
// BenchmarkFoldNoT2S is the same without the 繁→简 map, so the ratio is
// what the converter costs.
func BenchmarkFold(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Fold(benchText)
	}
}

func BenchmarkFoldNoT2S(b *testing.B) {
	saved := t2s
	t2s = func() map[rune]rune { return nil }
	defer func() { t2s = saved }()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Fold(benchText)
	}
}

func BenchmarkKeys(b *testing.B) {
	f := Fold(benchText)
	b.SetBytes(int64(len(f)))
	for b.Loop() {
		Keys(f)
	}
}

func TestParseDay(t *testing.T) {
	for _, c := range []struct{ in, start, next, err string }{
		{"2024", "2023-12-31T16:00:00Z", "2024-12-31T16:00:00Z", ""},
		{"2024-03-01", "2024-02-29T16:00:00Z", "2024-03-01T16:00:00Z", ""},
		{"1800", "", "", "year out of range"},
		{"2024/03/01", "", "", "YYYY-MM-DD"},
		{"", "", "", "YYYY-MM-DD"},
	} {
		s, n, err := ParseDay(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseDay(%q) error %v; want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || s.UTC().Format(time.RFC3339) != c.start || n.UTC().Format(time.RFC3339) != c.next {
			t.Errorf("ParseDay(%q) = %v, %v, %v", c.in, s.UTC(), n.UTC(), err)
		}
	}
}

func TestPageJSON(t *testing.T) {
	p := Page{Total: 3, Items: []Result{{IndexNo: "X/2024-00001", Title: "低保", Agency: "区民政局", URL: ItemURL("X/2024-00001"),
		Published: time.Date(2024, 3, 1, 2, 0, 0, 0, time.UTC), Snippet: Snippet{{Text: "<低保>", Hit: true}}}}}
	j := p.JSON()
	r := j.Items[0]
	if j.Total != 3 || r.PublishedAt != "2024-03-01T10:00:00+08:00" || r.URL != "/catalog/items/X/2024-00001" || r.Snippet != "<mark>&lt;低保&gt;</mark>" {
		t.Errorf("JSON %+v", j)
	}
	rep := Shown{AgencyID: 7, ReportYear: 2022, Category: ReportColumn}
	if u := rep.URL(); u != "/reports/7/2022" {
		t.Errorf("a report's URL = %q", u)
	}
	if u := (Shown{IndexNo: "X/1"}).URL(); u != "/catalog/items/X/1" {
		t.Errorf("an item's URL = %q", u)
	}
	if e := (Page{}).JSON(); e.Items == nil {
		t.Error("an empty page's items are null; want []")
	}
}

// BenchmarkPostings is BenchmarkKeys with the counts kept for ranking.
func BenchmarkPostings(b *testing.B) {
	f := Fold(benchText)
	b.SetBytes(int64(len(f)))
	for b.Loop() {
		Postings(f)
	}
}
