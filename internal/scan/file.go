package scan

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/pdftext"
	"github.com/gongkai/gongkai/internal/textenc"
)

// MaxSize is the largest document the scanner reads, in bytes.
const MaxSize = 64 << 20

// ErrUnreadable is wrapped by every error that means the document could
// not be read (so nothing can be said about it).
var ErrUnreadable = errors.New("无法读取 (unreadable)")

// zipLimits bound what a DOCX or XLSX may expand to while it is scanned;
// a zip bomb fails with ErrUnreadable.
var zipLimits = ooxml.Limits{
	MaxEntries:   5000,
	MaxEntrySize: 64 << 20,
	MaxTotalSize: 256 << 20,
	MaxRatio:     200,
	RatioFloor:   1 << 20,
}

// Text scans plain text (already decoded) and names places by line.
func Text(s string) []Finding {
	return dedupe(scanText(s, lineAt(s), true))
}

// HTML scans the text a reader sees on an HTML page or in an item's body,
// naming places by source line.
func HTML(src []byte) []Finding {
	text, at := htmlText(src)
	return dedupe(scanText(text, at, true))
}

// Document scans a document of any supported format: plain text (UTF-8 or
// GB18030), HTML, DOCX, XLSX, PDF (through pdftotext) and JSON Lines of
// gongkai.item/v1 items. The format comes from the content, with the
// name's extension as a hint. An error wraps ErrUnreadable.
func Document(ctx context.Context, name string, data []byte) ([]Finding, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: 文件超过 %d MiB (file larger than %d MiB)", ErrUnreadable, MaxSize>>20, MaxSize>>20)
	}
	fs, err := document(ctx, name, data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return dedupe(fs), nil
}

func document(ctx context.Context, name string, data []byte) ([]Finding, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		a, err := ooxml.Open(data, zipLimits)
		if err != nil {
			return nil, err
		}
		switch {
		case ext == ".xlsx" || ext == ".xlsm" || a.Has("xl/workbook.xml"):
			return xlsx(a)
		case ext == ".docx" || ext == ".docm" || a.Has("word/document.xml"):
			return docx(a)
		}
		return nil, errors.New("压缩包既不是 DOCX 也不是 XLSX (a zip that is neither DOCX nor XLSX)")
	case bytes.HasPrefix(data, []byte("%PDF-")):
		text, err := pdftext.Text(ctx, data, MaxSize)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
			return nil, errors.New("扫描件，无文字层 (a scanned PDF without a text layer: check it by eye)")
		}
		return scanText(text, pageLineAt(text), true), nil
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, errors.New("旧版 Office 格式（.doc/.xls）不受支持，请另存为 DOCX/XLSX (legacy .doc/.xls is not supported)")
	}
	text, _, err := textenc.Decode(data)
	if err != nil {
		return nil, err
	}
	switch {
	case ext == ".jsonl" || ext == ".ndjson" || ext == ".json":
		return items(text)
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || (ext != ".txt" && ext != ".csv" && looksHTML(text)):
		t, at := htmlText([]byte(text))
		return scanText(t, at, true), nil
	}
	return scanText(text, lineAt(text), true), nil
}

// pageLineAt names places in pdftotext output by page (form feeds) and
// line within the page.
func pageLineAt(s string) locator {
	type start struct{ off, page, line int }
	var starts []start
	page, line := 1, 1
	starts = append(starts, start{0, 1, 1})
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\f':
			page, line = page+1, 1
			starts = append(starts, start{i + 1, page, line})
		case '\n':
			line++
			starts = append(starts, start{i + 1, page, line})
		}
	}
	return func(off int) string {
		i := sort.Search(len(starts), func(i int) bool { return starts[i].off > off }) - 1
		st := starts[max(i, 0)]
		return "第 " + strconv.Itoa(st.page) + " 页第 " + strconv.Itoa(st.line) + " 行"
	}
}

// items scans JSON Lines of gongkai.item/v1 items (or one JSON array of
// them): every string value, HTML bodies as the text a reader sees, named
// by line and field.
func items(text string) ([]Finding, error) {
	t := strings.TrimSpace(text)
	var lines []string
	if strings.HasPrefix(t, "[") {
		var arr []json.RawMessage
		if err := json.Unmarshal([]byte(t), &arr); err != nil {
			return nil, fmt.Errorf("JSON: %v", err)
		}
		for _, m := range arr {
			lines = append(lines, string(m))
		}
	} else {
		sc := bufio.NewScanner(strings.NewReader(text))
		sc.Buffer(make([]byte, 0, 64<<10), MaxSize)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	var out []Finding
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			return nil, fmt.Errorf("第 %d 行不是 JSON (line %d is not JSON): %v", i+1, i+1, err)
		}
		walkJSON(v, "", func(field, s string) {
			where := "第 " + strconv.Itoa(i+1) + " 行 " + field
			if looksHTML(s) {
				t, _ := htmlText([]byte(s))
				out = append(out, scanText(t, fixed(where), field == "body")...)
				return
			}
			out = append(out, scanText(s, fixed(where), field == "body")...)
		})
	}
	return out, nil
}

// walkJSON calls fn for every string in v with its field path, in a fixed
// order.
func walkJSON(v any, path string, fn func(field, s string)) {
	switch x := v.(type) {
	case string:
		fn(path, x)
	case []any:
		for i, e := range x {
			walkJSON(e, path+"["+strconv.Itoa(i)+"]", fn)
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			walkJSON(x[k], p, fn)
		}
	}
}
