package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
	utfenc "golang.org/x/text/encoding/unicode"
)

// squash removes all white space, for comparing paragraphs whose spacing
// the page's markup decides (Word's list numbers, <br>).
func fxSquash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func fxReadFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadHTMLFixtures(t *testing.T) {
	cases := []struct {
		file  string
		extra []string // paragraphs besides the report's own, in order
		skip  int      // tables before the report's three
	}{
		{"plain.html", nil, 0},
		{"word.html", nil, 0},
		{"gov-page-gbk.html", []string{"发布日期： 2023-01-15 公开方式： 主动公开", "宁波市北仑区司法局2022年度政府信息公开年度报告", "发布时间：2023-01-15 16:20:31 来源：北仑区司法局 浏览次数： 字号：[ 大 中 ]"}, 1},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d, err := readHTML(c.file, fxReadFile(t, "html/"+c.file))
			if err != nil {
				t.Fatal(err)
			}
			paras, tables := fxDocTables(d)
			want := append(slices.Clone(c.extra), fxParas()...)
			if len(c.extra) > 0 {
				want = append(slices.Clone(c.extra), fxParas()[1:]...) // the page's title is the <h1>
			}
			var got, wantSq []string
			for _, p := range paras {
				got = append(got, fxSquash(p))
			}
			for _, p := range want {
				wantSq = append(wantSq, fxSquash(p))
			}
			if !slices.Equal(got, wantSq) {
				t.Errorf("paragraphs:\ngot  %q\nwant %q", got, wantSq)
			}
			report := [][][]fxCell{fxTable2(), fxTable3(), fxTable4()}
			if len(tables) != c.skip+3 {
				t.Fatalf("got %d tables; want %d", len(tables), c.skip+3)
			}
			for i, w := range report {
				if g, w := fmt.Sprint(tables[c.skip+i]), fmt.Sprint(fxGrid(w)); g != w {
					t.Errorf("table %d:\ngot  %s\nwant %s", c.skip+i+1, g, w)
				}
			}
			dump := fxDump(t, d)
			for _, noise := range []string{"首页", "浙ICP备", "document.write", "_hmt", "分享到", "打印本页", "隐藏文字", "mso-", "政府信息公开指南", "搜索"} {
				if strings.Contains(dump, noise) {
					t.Errorf("page furniture %q kept", noise)
				}
			}
			fxGolden(t, "html/"+strings.TrimSuffix(c.file, ".html")+".golden", dump)
		})
	}
}

func TestReadHTMLShapes(t *testing.T) {
	cases := []struct {
		name, html, want string
	}{
		{"rowspan and colspan",
			`<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>`,
			"t1 r1: \"a\" \"b\" ^\nt1 r2: ^ \"c\" \"d\"\n"},
		{"rowspan=0 and past the end",
			`<table><tr><td rowspan=0>a</td><td>b</td></tr><tr><td rowspan=9>c</td></tr><tr><td>d</td></tr></table>`,
			"t1 r1: \"a\" \"b\" \"\"\nt1 r2: ^ \"c\" \"\"\nt1 r3: ^ ^ \"d\"\n"},
		{"ragged rows padded",
			`<table><thead><tr><th>h1</th><th>h2</th><th>h3</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>`,
			"t1 r1: \"h1\" \"h2\" \"h3\"\nt1 r2: \"x\" \"\" \"\"\n"},
		{"cell blocks and breaks",
			`<table><tr><td><p>一、</p><p>总体<br>情况</p></td><td>&nbsp;</td></tr></table>`,
			"t1 r1: \"一、\\n总体\\n情况\" \"\"\n"},
		{"layout tables dissolved",
			`<table><tr><td>导语</td></tr><tr><td><table><tr><td>1</td><td>2</td></tr></table><p>后记</p></td></tr></table>`,
			"p1 \"导语\"\nt1 r1: \"1\" \"2\"\np3 \"后记\"\n"},
		{"one-column table is layout",
			`<table><tr><td><p>甲</p><p>乙</p></td></tr></table>`,
			"p1 \"甲\"\np2 \"乙\"\n"},
		{"hidden and skipped",
			`<p>见<span style="display: none">藏</span>表<script>x()</script><style>p{}</style></p><select><option>选</option></select>`,
			"p1 \"见表\"\n"},
		{"source line breaks inside CJK text",
			"<p>宁波市北仑区\n  司法局 2022\n年度\r\n报告 a\nb</p><h1>宁波市北仑区司法局<br>2022年度报告</h1>",
			"p1 \"宁波市北仑区司法局 2022 年度报告 a b\"\np2 \"宁波市北仑区司法局 2022年度报告\"\n"},
		{"breaks split paragraphs",
			`<div>发布时间：2023-01-15<br/>来源：司法局</div>`,
			"p1 \"发布时间：2023-01-15\"\np2 \"来源：司法局\"\n"},
		{"date salvaged from page furniture",
			`<header><a>首页</a><span>发布日期：2023-01-15</span></header><div class="nav-bar"><table><tr><td>发布时间</td><td>2023-01-16</td></tr></table></div><p>正文</p>`,
			"p1 \"发布日期：2023-01-15\"\np2 \"发布时间 2023-01-16\"\np3 \"正文\"\n"},
		{"date row of a data table repeated as a paragraph",
			`<table><tr><td>发布日期：</td><td>2023-01-15</td></tr></table>`,
			"t1 r1: \"发布日期：\" \"2023-01-15\"\np2 \"发布日期： 2023-01-15\"\n"},
		{"Word list numbers and o:p",
			`<p class=MsoListParagraph><![if !supportLists]><span style='mso-list:Ignore'>（一）<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>主动公开<o:p></o:p></span></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>`,
			"p1 \"（一） 主动公开\"\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := readHTML("t.html", []byte(c.html))
			if err != nil {
				t.Fatal(err)
			}
			got := strings.SplitN(fxDump(t, d), "\n", 2)[1]
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestReadHTMLCharsets(t *testing.T) {
	const text = "宁波市北仑区司法局“三安全一稳定”"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := utfenc.UTF16(utfenc.LittleEndian, utfenc.UseBOM).NewEncoder().String("<p>" + text + "</p>")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, data string
	}{
		{"utf-8 undeclared", "<p>" + text + "</p>"},
		{"utf-8 BOM", "\xef\xbb\xbf<p>" + text + "</p>"},
		{"utf-16 BOM", utf16},
		{"gb2312 declared", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>` + gbk + "</p>"},
		{"gbk undeclared", "<p>" + gbk + "</p>"},
		{"gbk mislabelled utf-8", `<meta charset="utf-8"><p>` + gbk + "</p>"},
		{"utf-8 mislabelled gb2312", `<meta charset="gb2312"><p>` + text + "</p>"},
		{"gbk mislabelled latin-1", `<meta charset="iso-8859-1"><p>` + gbk + "</p>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := readHTML("t.html", []byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Lines) != 1 || d.Lines[0].Cells[0].Text != text {
				t.Errorf("got %q; want one paragraph %q", fxDump(t, d), text)
			}
		})
	}
}

func TestReadHTMLRefuses(t *testing.T) {
	cases := []struct {
		name string
		data []byte
	}{
		{"too large", make([]byte, maxHTMLSize+1)},
		{"too wide", []byte(strings.Repeat(`<table><tr><td colspan=1000>a</td><td colspan=1000>b</td></tr></table>`, 1))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readHTML("bad.html", c.data)
			if err == nil {
				t.Fatal("accepted; want an error")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "html: ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with html:", msg)
			}
		})
	}
}

func FuzzReadHTML(f *testing.F) {
	f.Add(fxReadFile(f, "html/plain.html"))
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=3>a</td></tr><tr><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>`))
	f.Add([]byte(`<meta charset=gbk><div class=nav>发布时间：<br>2023</div>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readHTML("fuzz.html", data)
		if err != nil {
			return
		}
		width := map[int]int{}
		for _, l := range d.Lines {
			if l.Table == 0 {
				if len(l.Cells) != 1 {
					t.Fatalf("paragraph with %d cells", len(l.Cells))
				}
				continue
			}
			if w, ok := width[l.Table]; ok && w != len(l.Cells) {
				t.Fatalf("table %d: rows of %d and %d cells", l.Table, w, len(l.Cells))
			}
			width[l.Table] = len(l.Cells)
		}
	})
}

func BenchmarkReadHTML(b *testing.B) {
	for _, file := range []string{"gov-page-gbk.html", "word.html"} {
		b.Run(file, func(b *testing.B) {
			data := fxReadFile(b, "html/"+file)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := readHTML(file, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
