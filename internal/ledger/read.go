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
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
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
func Read(r io.Reader) (*Ledger, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4)
	if bytes.Equal(head, []byte("PK\x03\x04")) {
		return ReadXLSX(br)
	}
	return ReadCSV(br)
}

// ReadCSV reads a ledger from CSV text in UTF-8 (with or without a byte
// order mark) or GBK/GB18030, as Excel in China saves it. Commas or tabs
// separate the cells.
func ReadCSV(r io.Reader) (*Ledger, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("ledger: read csv: %w", err)
	}
	if len(b) > MaxBytes {
		return nil, Problems{{Reason: fmt.Sprintf("文件超过 %d MB，无法导入", MaxBytes>>20)}}
	}
	b, err = decodeText(b)
	if err != nil {
		return nil, Problems{{Reason: "文件编码无法识别（应为 UTF-8 或 GBK）"}}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	if first, _, _ := bytes.Cut(b, []byte("\n")); !bytes.Contains(first, []byte(",")) && bytes.Contains(first, []byte("\t")) {
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
	return build(next)
}

// decodeText returns b as UTF-8: a UTF-8 byte order mark is dropped, valid
// UTF-8 is kept, anything else is decoded as GB18030 (a superset of GBK).
func decodeText(b []byte) ([]byte, error) {
	if rest, ok := bytes.CutPrefix(b, []byte("\xef\xbb\xbf")); ok {
		b = rest
	}
	if utf8.Valid(b) {
		return b, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("ledger: decode gb18030: %w", err)
	}
	return out, nil
}

// unescapeCell undoes the writer's guard against formula injection: a
// leading apostrophe before = + - or @ is dropped.
func unescapeCell(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune("=+-@", rune(v[1])) {
		return v[1:]
	}
	return v
}

// ReadXLSX reads a ledger from the first sheet of an XLSX workbook. Date
// cells are read as Excel serial day numbers and converted.
func ReadXLSX(r io.Reader) (*Ledger, error) {
	f, err := excelize.OpenReader(io.LimitReader(r, MaxBytes+1), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: 64 << 20,
	})
	if err != nil {
		return nil, Problems{{Reason: fmt.Sprintf("无法读取 XLSX 文件：%v", err)}}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, Problems{{Reason: "XLSX 文件没有工作表"}}
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, Problems{{Reason: fmt.Sprintf("无法读取工作表“%s”：%v", sheets[0], err)}}
	}
	defer rows.Close()
	row := 0
	next := func() ([]string, int, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, 0, Problems{{Reason: fmt.Sprintf("无法读取工作表“%s”：%v", sheets[0], err)}}
			}
			return nil, 0, io.EOF
		}
		row++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, 0, Problems{{Row: row, Reason: fmt.Sprintf("无法读取此行：%v", err)}}
		}
		return cols, row, nil
	}
	return build(next)
}
