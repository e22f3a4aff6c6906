package ooxml

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// sample builds a document with every feature of the writer.
func sample(header bool) *Document {
	d := NewDocument()
	d.Title, d.Creator = "标题 & <测试>", "某机关"
	d.Styles = StylesXML(DocDefaults("Times New Roman", "仿宋_GB2312", 32, "both"),
		Style{Type: "paragraph", ID: "Normal", Name: "Normal", Default: true, QFormat: true},
		TableNormal)
	d.Footer = PageNumberFooter("")
	if header {
		d.Header = []Para{{Jc: "right", Text: "页眉"}}
	}
	d.Para(Para{Jc: "center", Runs: []Run{{Text: "第一段", Bold: true, Size: 44, Color: "C00000", Font: "宋体", Underline: true}}})
	d.Para(Para{Text: "换行前", Runs: []Run{{Break: true}, {Text: "换行后"}},
		Ind: &Indent{FirstLineChars: 200, FirstLine: 640}, Spacing: &Spacing{Before: 120, Line: 560, LineRule: "exact"},
		Bottom: &Border{Val: "single", Size: 12, Color: "C00000"}, KeepNext: true})
	d.Table(Tbl{Widths: []int{1000, 2000, 3000}, Borders: &Border{Val: "single", Size: 4}, Fixed: true, Look: true, CellMargin: 57,
		Rows: []TblRow{
			{Header: true, CantSplit: true, Cells: []TblCell{{Span: 2, Paras: []Para{{Text: "合并两列"}}}, {VMerge: "restart", Paras: []Para{{Text: "合并两行"}}}}},
			{Cells: []TblCell{{Paras: []Para{{Text: "甲"}}}, {Fill: "F2F2F2", VAlign: "center", Borders: &Border{Val: "dashed", Size: 8}, Paras: []Para{{Text: "乙"}}}, {VMerge: "continue"}}},
		}})
	d.Para(Para{Ind: &Indent{Left: 420, Hanging: 420}, Text: "尾段 <&>"})
	return d
}

func TestWriterRoundTrip(t *testing.T) {
	for _, header := range []bool{false, true} {
		var buf bytes.Buffer
		if err := sample(header).Write(&buf); err != nil {
			t.Fatal(err)
		}
		a, err := Open(buf.Bytes(), DefaultLimits)
		if err != nil {
			t.Fatalf("the zip guard refuses the package: %v", err)
		}
		if err := a.CheckAll(); err != nil {
			t.Fatal(err)
		}
		for _, name := range a.Names() {
			data, err := a.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := xmlWellFormed(data); err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
		}
		if got := a.Has("word/header1.xml"); got != header {
			t.Errorf("header part present = %v; want %v", got, header)
		}
		main, err := MainPart(a, "")
		if err != nil || main != "word/document.xml" {
			t.Fatalf("main part %q, %v; want word/document.xml", main, err)
		}
		rc, err := a.Open(main)
		if err != nil {
			t.Fatal(err)
		}
		blocks, err := ReadBody(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range blocks {
			if b.Table == nil {
				got = append(got, b.Text)
				continue
			}
			for _, row := range b.Table.Rows {
				var cells []string
				for _, c := range row {
					if c.Covered {
						cells = append(cells, "^")
					} else {
						cells = append(cells, c.Text)
					}
				}
				got = append(got, strings.Join(cells, "|"))
			}
		}
		want := []string{"第一段", "换行前\n换行后", "合并两列|^|合并两行", "甲|乙|^", "尾段 <&>"}
		if strings.Join(got, "¶") != strings.Join(want, "¶") {
			t.Errorf("header=%v: read back %q; want %q", header, got, want)
		}
		rels, _ := a.ReadFile("word/_rels/document.xml.rels")
		doc, _ := a.ReadFile(main)
		for _, id := range []string{"rId4"} {
			if !bytes.Contains(rels, []byte(`Id="`+id+`"`)) || !bytes.Contains(doc, []byte(`r:id="`+id+`"`)) {
				t.Errorf("relationship %s missing from the rels or the section", id)
			}
		}
	}
}

// TestWriterDeterministic checks that the same document gives the same bytes.
func TestWriterDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := sample(true).Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := sample(true).Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
}

// TestEsc checks text XML cannot hold is replaced, not written raw.
func TestEsc(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a<b>&\"'", "a&lt;b&gt;&amp;&#34;&#39;"},
		{"\x00x\x01", "\uFFFDx\uFFFD"},
		{"中文", "中文"},
	} {
		if got := Esc(tc.in); got != tc.want {
			t.Errorf("Esc(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestPageTextWidth(t *testing.T) {
	if got := A4GBT9704.TextWidth(); got != 8844 {
		t.Errorf("A4 text width %d; want 8844 twips", got)
	}
}

func xmlWellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	d := sample(true)
	for i := 0; i < 200; i++ {
		d.Para(Para{Text: strings.Repeat("政府信息公开", 20)})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := d.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
