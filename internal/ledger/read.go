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
	// MaxProblems is the most problems a check lists; it stops reading
	// there.
	MaxProblems = 1000
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
	if f, ok := r.(file); ok {
		// An open file is not read ahead: a workbook is read where it
		// lies, a CSV file streams.
		head := make([]byte, 4)
		n, _ := f.ReadAt(head, 0)
		if bytes.Equal(head[:n], []byte("PK\x03\x04")) {
			st, err := f.Stat()
			if err != nil {
				var zero T
				return zero, fmt.Errorf("ledger: read: %w", err)
			}
			return readXLSXAt(f, st.Size(), consume)
		}
	}
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
	br := bufio.NewReaderSize(r, 4096)
	if head, _ := br.Peek(4); bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")) {
		return zero, Problems{{Reason: "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入"}}
	}
	// The file streams: only the encoding sample, one record and the
	// rows the consumer keeps are in memory at once.
	size := &limitedReader{r: br, left: MaxBytes}
	text, _, err := textenc.NewReader(size)
	if errors.Is(err, textenc.ErrBinary) {
		return zero, Problems{{Reason: "文件编码无法识别（应为 UTF-8、GBK 或 UTF-16 文本），或者不是 CSV 文件"}}
	}
	if err != nil {
		return zero, readError(err)
	}
	tr := bufio.NewReaderSize(text, 64<<10)
	guard := &recordGuard{r: tr}
	cr := csv.NewReader(guard)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	if first, _ := tr.Peek(64 << 10); !bytes.Contains(firstLine(first), []byte(",")) && bytes.Contains(firstLine(first), []byte("\t")) {
		cr.Comma = '\t'
	}
	row, prevEnd := 0, 0
	next := func() ([]string, int, error) {
		guard.n = 0
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			switch {
			case errors.As(err, &pe):
				return nil, 0, Problems{{Row: row + 1, Reason: fmt.Sprintf("CSV 格式错误：%v", pe.Err)}}
			case errors.Is(err, errRecordTooLong):
				return nil, 0, Problems{{Row: prevEnd + 1, Reason: fmt.Sprintf("一行超过 %d KB（可能是没有配对的引号，或者不是台账文件），已停止读取", MaxRecordBytes>>10)}}
			case errors.Is(err, errTooBig):
				return nil, 0, Problems{{Reason: fmt.Sprintf("文件超过 %d MB，无法导入", MaxBytes>>20)}}
			case err == io.EOF:
				return nil, 0, io.EOF
			}
			return nil, 0, readError(err)
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

// MaxRecordBytes bounds one CSV record (a row, with the line breaks inside
// its quoted cells): past it the file is not read on. A quote that is
// never closed would otherwise make the rest of the file one cell.
const MaxRecordBytes = 1 << 20

var (
	errRecordTooLong = errors.New("ledger: csv record too long")
	errTooBig        = errors.New("ledger: file too large")
)

// readError wraps an I/O error of the file.
func readError(err error) error { return fmt.Errorf("ledger: read csv: %w", err) }

// firstLine returns b up to its first line break.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// A recordGuard fails a read once more than MaxRecordBytes (and the CSV
// reader's small read-ahead) have passed since n was last reset, which
// the reader does before each record.
type recordGuard struct {
	r io.Reader
	n int
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.n > MaxRecordBytes+64<<10 {
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	g.n += n
	return n, err
}

// A limitedReader fails with errTooBig once more than left bytes are read.
type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.left -= int64(n); l.left < 0 {
		return 0, errTooBig
	}
	return n, err
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

// A file is an open file that a workbook can be read from in place.
type file interface {
	io.ReaderAt
	Stat() (os.FileInfo, error)
}

func readXLSX[T any](r io.Reader, consume func(next RowFunc) (T, error)) (l T, err error) {
	var zero T
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return zero, fmt.Errorf("ledger: read xlsx: %w", err)
	}
	return readXLSXAt(bytes.NewReader(data), int64(len(data)), consume)
}

// readXLSXAt reads the first sheet of the workbook of size bytes in r row
// by row: the sheet and its shared strings stream (ooxml.StreamPartSize),
// so memory holds the compressed file, one row and what consume keeps.
func readXLSXAt[T any](r io.ReaderAt, size int64, consume func(next RowFunc) (T, error)) (l T, err error) {
	var zero T
	if size > MaxBytes {
		return zero, Problems{{Reason: fmt.Sprintf("文件超过 %d MB，无法导入", MaxBytes>>20)}}
	}
	// A panic while reading a malformed workbook is an unreadable file,
	// not a crash.
	defer func() {
		if p := recover(); p != nil {
			l, err = zero, Problems{{Reason: fmt.Sprintf("无法读取 XLSX 文件：%v", p)}}
		}
	}()
	f, err := ooxml.OpenWorkbookAt(r, size, xlsxLimits, true)
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
