package parse

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/ooxml"
)

// dumpDoc renders a Doc one line per Line: paragraphs as
// `p3 "text"`, table rows as `t2 r5: "a" ^ "b"` with covered positions as
// ^. It also checks that every cell's position agrees with its place.
func fxDump(t testing.TB, d *Doc) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", d.Format, d.Name)
	for i, l := range d.Lines {
		if l.Table == 0 {
			if len(l.Cells) != 1 || l.Cells[0].Pos.Line != i+1 {
				t.Errorf("line %d: paragraph with %d cells at %+v", i+1, len(l.Cells), l.Cells)
			}
			fmt.Fprintf(&b, "p%d %q\n", i+1, l.Cells[0].Text)
			continue
		}
		row := 0
		if len(l.Cells) > 0 {
			row = l.Cells[0].Pos.Row
		}
		fmt.Fprintf(&b, "t%d r%d:", l.Table, row)
		for j, c := range l.Cells {
			if c.Pos.Table != l.Table || c.Pos.Row != row || c.Pos.Col != j+1 {
				t.Errorf("line %d cell %d: position %+v", i+1, j+1, c.Pos)
			}
			if c.Covered {
				if c.Text != "" {
					t.Errorf("line %d cell %d: covered with text %q", i+1, j+1, c.Text)
				}
				b.WriteString(" ^")
				continue
			}
			fmt.Fprintf(&b, " %q", c.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// golden compares got with testdata/<path>, rewriting it under -update.
func fxGolden(t *testing.T, path, got string) {
	t.Helper()
	golden.CheckString(t, filepath.Join("testdata", path), got)
}

// docTables returns the Doc's tables as grids, and its paragraphs.
func fxDocTables(d *Doc) (paras []string, tables [][][]ooxml.GridCell) {
	for _, l := range d.Lines {
		if l.Table == 0 {
			paras = append(paras, l.Cells[0].Text)
			continue
		}
		for len(tables) < l.Table {
			tables = append(tables, nil)
		}
		g := make([]ooxml.GridCell, len(l.Cells))
		for i, c := range l.Cells {
			g[i] = ooxml.GridCell{Text: c.Text, Covered: c.Covered}
		}
		tables[l.Table-1] = append(tables[l.Table-1], g)
	}
	return paras, tables
}

// checkSeedDoc checks a Doc read from a seed fixture against the model:
// every paragraph in order, every table cell by cell.
func fxCheckSeed(t *testing.T, d *Doc, wantParas []string) {
	t.Helper()
	paras, tables := fxDocTables(d)
	if strings.Join(paras, "\n") != strings.Join(wantParas, "\n") {
		t.Errorf("paragraphs:\ngot  %q\nwant %q", paras, wantParas)
	}
	want := [][][]fxCell{fxTable2(), fxTable3(), fxTable4()}
	if len(tables) != len(want) {
		t.Fatalf("got %d tables; want %d", len(tables), len(want))
	}
	for i := range want {
		w := fxGrid(want[i])
		if fmt.Sprint(tables[i]) != fmt.Sprint(w) {
			t.Errorf("table %d:\ngot  %v\nwant %v", i+1, tables[i], w)
		}
	}
}

func fxParas() []string {
	var out []string
	for _, b := range fxSeed() {
		if b.rows == nil {
			out = append(out, b.para)
		}
	}
	return out
}

func TestReadDOCXSeed(t *testing.T) {
	d, err := readDOCX("seed.docx", fxSeedDOCX(t))
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != FormatDOCX || d.Name != "seed.docx" {
		t.Errorf("got format %q name %q", d.Format, d.Name)
	}
	fxCheckSeed(t, d, fxParas())
	fxGolden(t, "docx/seed.golden", fxDump(t, d))
}

func TestReadDOCXRefuses(t *testing.T) {
	seed := fxSeedDOCX(t)
	noDoc := fxDOCXPackage(t, "")
	noDoc = bytes.Replace(noDoc, []byte("word/document.xml"), []byte("word/documenX.xml"), -1)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"not a zip", []byte("宁波市北仑区司法局2022年度政府信息公开年度报告"), ooxml.ErrNotZip},
		{"truncated", seed[:len(seed)*2/3], ooxml.ErrNotZip},
		{"missing document.xml", noDoc, ooxml.ErrMissing},
		{"broken XML", fxDOCXPackage(t, `<w:document><w:body><w:p>`), nil},
		{"too wide", fxDOCXPackage(t, `<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999"/></w:tcPr></w:tc><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>`), ooxml.ErrBadBody},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readDOCX("bad.docx", c.data)
			if err == nil {
				t.Fatal("accepted; want an error")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "docx: ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with docx:", msg)
			}
		})
	}
}

func FuzzReadDOCX(f *testing.F) {
	f.Add(fxSeedDOCX(f))
	f.Add(fxDOCXPackage(f, wDocumentXML([]fxBlock{{rows: fxTable4()}})))
	f.Add([]byte("PK\x03\x04\x14\x00"))
	f.Add(fxAltChunkDOCX(f, "a.mht", fxMHT(f, []byte("<table><tr><td>1</td><td>2</td></tr></table>"), "utf-8", "quoted-printable")))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readDOCX("fuzz.docx", data)
		if err != nil {
			return
		}
		for _, l := range d.Lines {
			if l.Table == 0 && len(l.Cells) != 1 {
				t.Fatalf("paragraph with %d cells", len(l.Cells))
			}
		}
	})
}

// FuzzReadDOCXBody fuzzes the document.xml inside a valid package, which
// reaches the body reader far more often than fuzzing zip bytes.
func FuzzReadDOCXBody(f *testing.F) {
	f.Add(wDocumentXML(fxSeed()[14:18]))
	f.Add(`<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="3"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`)
	f.Fuzz(func(t *testing.T, xml string) {
		d, err := readDOCX("fuzz.docx", fxDOCXPackage(t, xml))
		if err != nil {
			return
		}
		width := map[int]int{}
		for _, l := range d.Lines {
			if l.Table == 0 {
				continue
			}
			if w, ok := width[l.Table]; ok && w != len(l.Cells) {
				t.Fatalf("table %d: rows of %d and %d cells", l.Table, w, len(l.Cells))
			}
			width[l.Table] = len(l.Cells)
		}
	})
}

func BenchmarkReadDOCX(b *testing.B) {
	data := fxSeedDOCX(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readDOCX("seed.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}
