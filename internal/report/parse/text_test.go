package parse

import (
	"reflect"
	"testing"
)

func TestTextShapes(t *testing.T) {
	cells := func(d *Doc) [][]string {
		var out [][]string
		for _, l := range d.Lines {
			var row []string
			for _, c := range l.Cells {
				row = append(row, c.Text)
			}
			out = append(out, row)
		}
		return out
	}
	tests := []struct {
		name string
		in   string
		want [][]string
	}{
		{"word cell per line", "标题\n\t规章\n\t0\n\t\n\t1\n\n\t行政许可\n\t2\n", [][]string{{"标题"}, {"规章", "0", "", "1"}, {"行政许可", "2"}}},
		{"tabs", "规章\t0\t\t1\n", [][]string{{"规章", "0", "", "1"}}},
		{"pipes", "| 规章 | 0 |  | 1 |\n|---|:--:|---|---|\n", [][]string{{"规章", "0", "", "1"}}},
		{"full-width pipes", "规章｜0｜1\n", [][]string{{"规章", "0", "1"}}},
		{"layout", "规章               0          0       0\n", [][]string{{"规章", "0", "0", "0"}}},
		{"layout single space before number", "行政许可 550\n", [][]string{{"行政许可", "550"}}},
		{"layout numbers with single spaces", "10 1 0 0\n", [][]string{{"10", "1", "0", "0"}}},
		{"ideographic space", "规章　0　1\n", [][]string{{"规章", "0", "1"}}},
		{"prose keeps single spaces", "2023 年，我区主动公开 1136 条。\n", [][]string{{"2023 年，我区主动公开 1136 条。"}}},
		{"page numbers dropped", "正文\n                -3-\n- 4 -\n第 5 页 共 9 页\n", [][]string{{"正文"}}},
		{"CRLF and form feed", "甲\r\n\f乙\r\n", [][]string{{"甲"}, {"乙"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cells(textDoc("t", FormatText, tt.in))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestTextPositions(t *testing.T) {
	d := textDoc("t", FormatText, "标题\n\n\t规章\n\t0\n| 行政许可 | 2 |\n")
	if p := d.Lines[1].Cells[1].Pos; p.Line != 4 {
		t.Errorf("got %+v; want line 4", p)
	}
	if p := d.Lines[2].Cells[1].Pos; p.Line != 5 || p.Col != 2 {
		t.Errorf("got %+v; want line 5 col 2", p)
	}
}
