package ooxml

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`

func rbBody(inner string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + inner + `<w:sectPr/></w:body></w:document>`
}

// rbDump renders blocks one per line: paragraphs as P "text", tables as
// T cols, then each row with covered positions as ^.
func rbDump(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		if bl.AltChunk != "" {
			fmt.Fprintf(&b, "A %s\n", bl.AltChunk)
			continue
		}
		if bl.Table == nil {
			fmt.Fprintf(&b, "P %q\n", bl.Text)
			continue
		}
		fmt.Fprintf(&b, "T %d\n", bl.Table.Cols)
		for _, row := range bl.Table.Rows {
			b.WriteString(" |")
			for _, c := range row {
				if c.Covered {
					b.WriteString(" ^")
				} else {
					fmt.Fprintf(&b, " %q", c.Text)
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func rbP(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func rbTC(props, content string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func TestReadBody(t *testing.T) {
	cases := []struct {
		name, xml, want string
	}{
		{"runs, tab, break", `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>一、</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">总体 </w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>情况</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>`,
			"P \"一、 总体 情况\\n下一行\"\n"},
		{"insertions kept, deletions dropped", `<w:p><w:r><w:t>共</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>1</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>2</w:delText></w:r></w:del><w:r><w:t>件</w:t></w:r></w:p>`,
			"P \"共1件\"\n"},
		{"bookmarks and fields", `<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="0"/></w:p>`,
			"P \"链接\"\n"},
		{"ruby base kept, guide dropped", `<w:p><w:r><w:ruby><w:rt><w:r><w:t>bèi</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>北</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:ptab w:relativeTo="margin" w:alignment="right"/><w:t>仑</w:t></w:r></w:p>`,
			"P \"北 仑\"\n"},
		{"text box ignored", `<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			"P \"正文\"\n"},
		{"empty paragraphs dropped", `<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>` + rbP("a"), "P \"a\"\n"},
		{"block content control", `<w:sdt><w:sdtPr><w:alias w:val="x"/><w:placeholder><w:docPart w:val="y"/></w:placeholder></w:sdtPr><w:sdtContent>` + rbP("控件") + `</w:sdtContent></w:sdt>`, "P \"控件\"\n"},
		{"gridSpan and vMerge", `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
			`<w:tr>` + rbTC(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, rbP("角")) + rbTC(``, rbP("总计")) + `</w:tr>` +
			`<w:tr>` + rbTC(`<w:gridSpan w:val="2"/><w:vMerge/>`, `<w:p/>`) + rbTC(``, rbP("1")) + `</w:tr>` +
			`<w:tr>` + rbTC(``, rbP("a")) + rbTC(`<w:vMerge w:val="restart"/>`, rbP("b")) + rbTC(`<w:vMerge w:val="restart"/>`, rbP("c")) + `</w:tr>` +
			`<w:tr>` + rbTC(``, rbP("d")) + rbTC(`<w:vMerge w:val="continue"/>`, ``) + rbTC(``, rbP("e")) + `</w:tr>` +
			`</w:tbl>`,
			"T 3\n | \"角\" ^ \"总计\"\n | ^ ^ \"1\"\n | \"a\" \"b\" \"c\"\n | \"d\" ^ \"e\"\n"},
		{"tracked row deletion", `<w:tbl><w:tr>` + rbTC(``, rbP("a")) + `</w:tr><w:tr><w:trPr><w:del w:id="3" w:author="x"/></w:trPr>` + rbTC(``, `<w:p><w:del><w:r><w:delText>b</w:delText></w:r></w:del></w:p>`) + `</w:tr><w:tr><w:trPr><w:ins w:id="4" w:author="x"/></w:trPr>` + rbTC(``, rbP("c")) + `</w:tr></w:tbl>`,
			"T 1\n | \"a\"\n | \"c\"\n"},
		{"imported parts", rbP("前") + `<w:altChunk r:id="rId9"/>` + rbP("后"), "P \"前\"\nA rId9\nP \"后\"\n"},
		{"continuation with nothing above", `<w:tbl><w:tr>` + rbTC(`<w:vMerge/>`, rbP("x")) + `</w:tr></w:tbl>`, "T 1\n | \"x\"\n"},
		{"short rows padded, gridBefore", `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + rbTC(``, rbP("x")) + `</w:tr><w:tr>` + rbTC(``, rbP("y")+rbP("z")) + `</w:tr></w:tbl>`,
			"T 3\n | \"\" \"x\" \"\"\n | \"y\\nz\" \"\" \"\"\n"},
		{"content controls around rows, cells and runs", `<w:tbl><w:sdt><w:sdtPr/><w:sdtContent><w:tr><w:sdt><w:sdtPr/><w:sdtContent>` + rbTC(``, `<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>7</w:t></w:r></w:sdtContent></w:sdt></w:p>`) + `</w:sdtContent></w:sdt>` + rbTC(``, rbP("8")) + `</w:tr></w:sdtContent></w:sdt></w:tbl>`,
			"T 2\n | \"7\" \"8\"\n"},
		{"layout table dissolved", rbP("前") + `<w:tbl><w:tr>` + rbTC(``, rbP("标题")+`<w:tbl><w:tr>`+rbTC(``, rbP("1"))+rbTC(``, rbP("2"))+`</w:tr></w:tbl>`+rbP("后记")) + `</w:tr></w:tbl>` + rbP("后"),
			"P \"前\"\nP \"标题\"\nT 2\n | \"1\" \"2\"\nP \"后记\"\nP \"后\"\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			blocks, err := ReadBody(strings.NewReader(rbBody(c.xml)))
			if err != nil {
				t.Fatal(err)
			}
			if got := rbDump(blocks); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestReadBodyRefuses(t *testing.T) {
	deep := strings.Repeat(`<w:tbl><w:tr><w:tc>`, MaxTableDepth+1)
	cases := []struct {
		name, xml string
	}{
		{"not XML", "PK\x03\x04"},
		{"unclosed", rbBody(`<w:p><w:r><w:t>x`)[:60]},
		{"huge text run", rbBody(`<w:p><w:r><w:t>` + strings.Repeat("0", MaxTextRun+10) + `</w:t></w:r></w:p>`)},
		{"too wide", rbBody(`<w:tbl><w:tr>` + rbTC(`<w:gridSpan w:val="900"/>`, "") + rbTC(`<w:gridSpan w:val="900"/>`, "") + `</w:tr></w:tbl>`)},
		{"too deep", rbBody(deep)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := ReadBody(strings.NewReader(c.xml)); err == nil {
				t.Error("accepted; want an error")
			} else if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans lines", err)
			}
		})
	}
	_, err := ReadBody(strings.NewReader(rbBody(`<w:tbl><w:tr>` + rbTC(`<w:gridSpan w:val="900"/>`, "") + rbTC(`<w:gridSpan w:val="900"/>`, "") + `</w:tr></w:tbl>`)))
	if !errors.Is(err, ErrBadBody) {
		t.Errorf("got %v; want ErrBadBody", err)
	}
}

func FuzzReadBody(f *testing.F) {
	f.Add(rbBody(rbP("x")))
	f.Add(rbBody(`<w:tbl><w:tr>` + rbTC(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, rbP("角")) + `</w:tr><w:tr>` + rbTC(`<w:vMerge/>`, "") + rbTC(``, rbP("1")) + `</w:tr></w:tbl>`))
	f.Add(rbBody(`<w:tbl><w:tr>` + rbTC(``, `<w:tbl><w:tr>`+rbTC(``, rbP("1"))+`</w:tr></w:tbl>`) + `</w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, s string) {
		blocks, err := ReadBody(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, b := range blocks {
			if b.Table == nil {
				continue
			}
			for _, row := range b.Table.Rows {
				if len(row) != b.Table.Cols {
					t.Fatalf("row of %d cells in a table of %d columns", len(row), b.Table.Cols)
				}
			}
		}
	})
}

// Strict OOXML (ISO/IEC 29500 Strict) uses other namespaces; the reader
// goes by local names, so it reads those too.
func TestReadBodyStrict(t *testing.T) {
	doc := `<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>` +
		rbP("严格") + `<w:tbl><w:tr>` + rbTC(`<w:gridSpan w:val="2"/>`, rbP("1")) + `</w:tr></w:tbl></w:body></w:document>`
	blocks, err := ReadBody(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rbDump(blocks), "P \"严格\"\nT 2\n | \"1\" ^\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
