package parse

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/xuri/excelize/v2"
)

// fxSheet is one sheet of the XLSX fixture: a title merged across the
// table's width, a blank row when gap is set, then the table.
type fxSheet struct {
	name, title string
	gap         bool
	rows        [][]fxCell
}

func fxSheets() []fxSheet {
	return []fxSheet{
		{"表二", "二、主动公开政府信息情况", false, fxTable2()},
		{"表三", "三、收到和处理政府信息公开申请情况", false, fxTable3()},
		{"表四", "四、政府信息公开行政复议、行政诉讼情况", true, fxTable4()},
	}
}

// fxXLSX writes the seed report's tables with excelize, numbers as numbers
// and merged ranges for every span.
func fxXLSX(t testing.TB, sheets []fxSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		grid := fxLayout(s.rows)
		width := len(grid[0])
		f.SetCellValue(s.name, "A1", s.title)
		end, _ := excelize.CoordinatesToCellName(width, 1)
		if err := f.MergeCell(s.name, "A1", end); err != nil {
			t.Fatal(err)
		}
		first := 2
		if s.gap {
			first = 3
		}
		for r, line := range grid {
			for col, slot := range line {
				if !slot.origin {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(col+1, first+r)
				if n, err := strconv.Atoi(slot.cell.text); err == nil {
					f.SetCellValue(s.name, cell, n)
				} else {
					f.SetCellValue(s.name, cell, slot.cell.text)
				}
				if slot.cell.colspan > 1 || slot.cell.rowspan > 1 {
					last, _ := excelize.CoordinatesToCellName(col+slot.cell.colspan, first+r+slot.cell.rowspan-1)
					if err := f.MergeCell(s.name, cell, last); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSXSeed(t *testing.T) {
	sheets := fxSheets()
	d, err := readXLSX("seed.xlsx", fxXLSX(t, sheets))
	if err != nil {
		t.Fatal(err)
	}
	_, tables := fxDocTables(d)
	if len(tables) != len(sheets) {
		t.Fatalf("got %d tables; want %d", len(tables), len(sheets))
	}
	for i, s := range sheets {
		want := fxGrid(s.rows)
		title := make([]ooxml.GridCell, len(want[0]))
		for c := range title {
			title[c].Covered = c > 0
		}
		title[0].Text = s.title
		want = append([][]ooxml.GridCell{title}, want...)
		if g, w := fmt.Sprint(tables[i]), fmt.Sprint(want); g != w {
			t.Errorf("sheet %s:\ngot  %s\nwant %s", s.name, g, w)
		}
	}
	// The blank row 2 of 表四 is skipped, and positions keep the sheet's
	// own row numbers.
	for _, l := range d.Lines {
		if l.Table == 3 && l.Cells[0].Pos.Row == 2 {
			t.Errorf("blank row 2 of 表四 emitted")
		}
	}
	fxGolden(t, "xlsx/seed.golden", fxDump(t, d))
}

func TestReadXLSXRefuses(t *testing.T) {
	seed := fxXLSX(t, fxSheets())
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"not a zip", []byte("表三"), ooxml.ErrNotZip},
		{"truncated", seed[:len(seed)/2], ooxml.ErrNotZip},
		{"a DOCX", fxSeedDOCX(t), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readXLSX("bad.xlsx", c.data)
			if err == nil {
				t.Fatal("accepted; want an error")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "xlsx: ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with xlsx:", msg)
			}
		})
	}
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(fxXLSX(f, fxSheets()[2:]))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := readXLSX("fuzz.xlsx", data)
		if err != nil {
			return
		}
		for _, l := range d.Lines {
			if l.Table < 1 {
				t.Fatalf("XLSX line outside a table: %+v", l)
			}
		}
	})
}

func BenchmarkReadXLSX(b *testing.B) {
	data := fxXLSX(b, fxSheets())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readXLSX("seed.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}
