package ledger

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/textenc"
)

// Limits on what Read accepts; past them a file is refused, not truncated.
const (
	// MaxBytes is the largest file Read accepts (CSV, or XLSX compressed).
	MaxBytes = 256 << 20
	// MaxRows is the largest number of rows, header included.
	MaxRows = 1_000_000
	// MaxColumns is the widest sheet accepted.
	MaxColumns = 200
	// maxUnzipped bounds the uncompressed size of an XLSX file (zip bombs).
	maxUnzipped = 1 << 30
	// headerSearchRows is how far down a title above the header may push it.
	headerSearchRows = 5
)

// ReadFile reads a ledger from a CSV or XLSX file (see Read).
func ReadFile(path string) (*Ledger, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ledger: read: %w", err)
	}
	defer f.Close()
	return Read(f)
}

// Read reads a ledger from r: XLSX (its first sheet) when the content is a
// ZIP archive, CSV otherwise. It returns Problems, listing every problem of
// the file, when any row cannot be read; the import is all or nothing.
func Read(r io.Reader) (*Ledger, error) { return ReadTable(r, build) }

// A RowFunc returns the next row of a table: its cells, its 1-based row
// as a spreadsheet shows it, io.EOF after the last row, or Problems.
type RowFunc func() ([]string, int, error)

// ReadTable reads any CSV or XLSX table with the decoding, limits and
// zip-bomb guard of Read, and hands its rows to consume: other all-or-
// nothing imports (decisions, fees) read their files with it and report
// Problems in the ledger's words.
func ReadTable[T any](r io.Reader, consume func(next RowFunc) (T, error)) (T, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4)
	if bytes.Equal(head, []byte("PK\x03\x04")) {
		return readXLSX(br, consume)
	}
	return readCSV(br, consume)
}

// ReadCSV reads a ledger from CSV text in UTF-8 (with or without a byte
// order mark), GBK/GB18030 as Excel in China saves it, or UTF-16 (Excel's
// "Unicode text"); the encoding is sniffed by internal/textenc. Commas or
// tabs separate the cells.
func ReadCSV(r io.Reader) (*Ledger, error) { return readCSV(r, build) }

func readCSV[T any](r io.Reader, consume func(next RowFunc) (T, error)) (T, error) {
	var zero T
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return zero, fmt.Errorf("ledger: read csv: %w", err)
	}
	if len(b) > MaxBytes {
		return zero, Problems{{Reason: fmt.Sprintf("文件超过 %d MB，无法导入", MaxBytes>>20)}}
	}
	if bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0")) {
		return zero, Problems{{Reason: "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入"}}
	}
	text, _, err := textenc.Decode(b)
	if err != nil {
		return zero, Problems{{Reason: "文件编码无法识别（应为 UTF-8、GBK 或 UTF-16 文本），或者不是 CSV 文件"}}
	}
	b = nil
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	if first, _, _ := strings.Cut(text, "\n"); !strings.Contains(first, ",") && strings.Contains(first, "\t") {
		cr.Comma = '\t'
	}
	row, prevEnd := 0, 0
	next := func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, 0, Problems{{Row: row + 1, Reason: fmt.Sprintf("CSV 格式错误：%v", pe.Err)}}
			}
			return nil, 0, err
		}
		start, _ := cr.FieldPos(0)
		end, _ := cr.FieldPos(len(rec) - 1)
		end += strings.Count(rec[len(rec)-1], "\n")
		row += start - prevEnd
		prevEnd = end
		for i, v := range rec {
			rec[i] = unescapeCell(v)
		}
		return rec, row, nil
	}
	return consume(next)
}

// unescapeCell undoes the writer's guard against formula injection: a
// leading apostrophe before a formulaStart character is dropped.
func unescapeCell(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune(formulaStart, rune(v[1])) {
		return v[1:]
	}
	return v
}

// xlsxLimits bound a ledger workbook before it is parsed (zip bombs,
// SECURITY.md O-FU-02): a 100,000-row sheet is ~100 MB of XML.
var xlsxLimits = ooxml.Limits{
	MaxEntries:   10_000,
	MaxEntrySize: maxUnzipped,
	MaxTotalSize: maxUnzipped,
	MaxRatio:     500,
	RatioFloor:   1 << 20,
}

// ReadXLSX reads a ledger from the first sheet of an XLSX workbook. Date
// cells are read as Excel serial day numbers and converted. The archive
// passes the zip guard of internal/ooxml first (ooxml.OpenWorkbook).
func ReadXLSX(r io.Reader) (*Ledger, error) { return readXLSX(r, build) }

func readXLSX[T any](r io.Reader, consume func(next RowFunc) (T, error)) (l T, err error) {
	var zero T
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return zero, fmt.Errorf("ledger: read xlsx: %w", err)
	}
	if len(data) > MaxBytes {
		return zero, Problems{{Reason: fmt.Sprintf("文件超过 %d MB，无法导入", MaxBytes>>20)}}
	}
	// A panic while reading a malformed workbook is an unreadable file,
	// not a crash.
	defer func() {
		if p := recover(); p != nil {
			l, err = zero, Problems{{Reason: fmt.Sprintf("无法读取 XLSX 文件：%v", p)}}
		}
	}()
	f, err := ooxml.OpenWorkbook(data, xlsxLimits, true)
	if err != nil {
		return zero, Problems{{Reason: fmt.Sprintf("无法读取 XLSX 文件：%v", err)}}
	}
	defer f.Close()
	sheets := f.Sheets()
	if len(sheets) == 0 {
		return zero, Problems{{Reason: "XLSX 文件没有工作表"}}
	}
	rows, err := f.RowReader(sheets[0])
	if err != nil {
		return zero, Problems{{Reason: fmt.Sprintf("无法读取工作表“%s”：%v", sheets[0], err)}}
	}
	defer rows.Close()
	row := 0
	next := func() ([]string, int, error) {
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return nil, 0, Problems{{Reason: fmt.Sprintf("无法读取工作表“%s”：%v", sheets[0], err)}}
			}
			return nil, 0, io.EOF
		}
		row++
		cols, err := rows.Columns()
		if err != nil {
			return nil, 0, Problems{{Row: row, Reason: fmt.Sprintf("无法读取此行：%v", err)}}
		}
		return cols, row, nil
	}
	return consume(next)
}
