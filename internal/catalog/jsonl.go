package catalog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A LineError is one problem of an import file: the line, the field (its
// JSON name, or "" for the whole line) and a Chinese message for the
// console, or, for a problem of the item's content that the web pages
// share (Content.Check), the message key and its values in Key and Args,
// which the console translates (Msg stays "" then).
type LineError struct {
	Line  int
	Field string
	Msg   string
	Key   string
	Args  []any
}

// Error returns the line, the field and the message (its key and values
// when it has one).
func (e LineError) Error() string {
	return e.Text(func(k string, a []any) string { return fmt.Sprintf("%s%v", k, a) })
}

// Text returns the error with a keyed message put in by text.
func (e LineError) Text(text func(key string, args []any) string) string {
	msg := e.Msg
	if e.Key != "" {
		msg = text(e.Key, e.Args)
	}
	if e.Field == "" {
		return fmt.Sprintf("第 %d 行：%s", e.Line, msg)
	}
	return fmt.Sprintf("第 %d 行 %s：%s", e.Line, e.Field, msg)
}

// LineErrors are every problem of an import file; an import with any
// imports nothing.
type LineErrors []LineError

func (es LineErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// MaxLineErrors bounds the problems listed before reading stops.
const MaxLineErrors = 200

// MaxLineBytes bounds one line of an import file: a 2 MB body and its
// escaping fit.
const MaxLineBytes = 8 << 20

// An ImportLine is one item read from an import file.
type ImportLine struct {
	Line int
	Item ItemJSON
}

// Files opens the attachments an import file names, by path relative to
// the file (the file's directory, or the zip beside it).
type Files interface {
	Open(name string) (io.ReadCloser, error)
}

// ReadItems reads JSON Lines of gongkai.item/v1 for the agency named
// agencyName and checks every line (catalog.md §2): the fields, the
// columns of tree, index numbers unique in the file, attachment paths
// present in files (nil skips that check). It returns every problem as
// LineErrors, or the items.
func ReadItems(r io.Reader, agencyName string, tree Tree, files Files) ([]ImportLine, error) {
	var out []ImportLine
	var errs LineErrors
	seen := map[string]int{}
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; len(errs) < MaxLineErrors; n++ {
		line, err := readLine(br)
		if err == io.EOF && line == nil {
			break
		}
		if err != nil && err != io.EOF {
			if errors.Is(err, errLineTooLong) {
				errs = append(errs, LineError{Line: n, Msg: fmt.Sprintf("一行超过 %d MB", MaxLineBytes>>20)})
				continue
			}
			return nil, fmt.Errorf("catalog: read line %d: %w", n, err)
		}
		line = bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")))
		if len(line) == 0 {
			continue
		}
		it, lerrs := decodeLine(n, line, agencyName, tree, files)
		if prev, dup := seen[it.IndexNo]; dup && it.IndexNo != "" {
			lerrs = append(lerrs, LineError{Line: n, Field: "index_no", Msg: fmt.Sprintf("索引号 %s 与第 %d 行重复", it.IndexNo, prev)})
		} else if it.IndexNo != "" {
			seen[it.IndexNo] = n
		}
		errs = append(errs, lerrs...)
		if len(lerrs) == 0 {
			out = append(out, ImportLine{Line: n, Item: it})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its end, or errLineTooLong after
// skipping the rest of an over-long line.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > MaxLineBytes {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			return []byte{}, errLineTooLong
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return buf, nil
		case io.EOF:
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, io.EOF
		default:
			return nil, err
		}
	}
}

// decodeLine decodes and checks one line.
func decodeLine(n int, line []byte, agencyName string, tree Tree, files Files) (ItemJSON, []LineError) {
	var it ItemJSON
	var errs []LineError
	bad := func(field, format string, a ...any) {
		errs = append(errs, LineError{Line: n, Field: field, Msg: fmt.Sprintf(format, a...)})
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&it); err != nil {
		field, msg := jsonProblem(err)
		if errors.Is(err, calendar.ErrBadDate) {
			var val string
			if field, val = badDateField(line); field != "" {
				msg = fmt.Sprintf("日期“%s”无效（应为 YYYY-MM-DD 的真实日期）", val)
			}
		}
		bad(field, "%s", msg)
		return it, errs
	}
	if dec.More() {
		bad("", "一行只能有一个 JSON 对象")
	}
	if it.Schema != "" && it.Schema != Schema {
		bad("schema", "格式 %q 不是 %s", it.Schema, Schema)
	}
	if err := CheckIndexNo(it.IndexNo); err != nil {
		bad("index_no", "%v（导入的信息保留原索引号）", err)
	}
	if it.Agency != "" && it.Agency != agencyName {
		bad("agency", "发布机构 %q 不是导入的机关 %q", it.Agency, agencyName)
	}
	if it.PublishedAt.IsZero() {
		bad("published_at", "发布时间为必填项（导入的信息保留原发布时间）")
	}
	it.Content = it.Content.Normalize()
	for _, fe := range it.Content.Check(tree, false) {
		errs = append(errs, LineError{Line: n, Field: fe.Field, Key: fe.Key, Args: fe.Args})
	}
	if it.Disclosure != Proactive {
		bad("disclosure", "只导入主动公开的信息")
	}
	if it.Withdrawn != nil && (it.Withdrawn.At.IsZero() || strings.TrimSpace(it.Withdrawn.Reason) == "") {
		bad("withdrawn", "撤回须有时间和理由")
	}
	for i, f := range it.Attachments {
		field := fmt.Sprintf("attachments[%d]", i)
		switch {
		case strings.TrimSpace(f.Name) == "" || strings.ContainsAny(f.Name, "/\\\x00"):
			bad(field+".name", "附件名为空或含路径分隔符")
		case !validRelPath(f.Path):
			bad(field+".path", "附件路径 %q 应为相对路径，不能含 .. 或以 / 开头", f.Path)
		case f.SHA256 != "" && !isHex64(f.SHA256):
			bad(field+".sha256", "SHA-256 应为 64 位十六进制")
		case files != nil:
			rc, err := files.Open(f.Path)
			if err != nil {
				bad(field+".path", "找不到附件 %s（在导入文件所在目录或同名 .zip 中）", f.Path)
				continue
			}
			rc.Close()
		}
	}
	for i, ib := range it.InterpretedBy {
		if CheckIndexNo(strings.TrimSpace(ib)) != nil {
			bad(fmt.Sprintf("interpreted_by[%d]", i), "索引号无效")
		}
	}
	return it, errs
}

func validRelPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return false
	}
	c := path.Clean(p)
	return c == p && c != "." && !strings.HasPrefix(c, "../") && c != ".."
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// jsonProblem names the field and the problem of a decoding error, in Chinese.
func jsonProblem(err error) (field, msg string) {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.Is(err, calendar.ErrBadDate):
		if errors.As(err, &te) {
			field = te.Field
		}
		return field, fmt.Sprintf("日期无效（应为 YYYY-MM-DD）：%v", err)
	case errors.As(err, &te):
		return te.Field, fmt.Sprintf("类型错误：应为 %s，收到 JSON %s", goTypeZh(te.Type.Kind().String()), te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "", "不是有效的 JSON：对象不完整"
	case errors.As(err, &se):
		return "", fmt.Sprintf("不是有效的 JSON（第 %d 个字节附近）：%v", se.Offset, se)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return f, "未知字段（gongkai.item/v1 没有这个字段）"
	}
	msg = err.Error()
	if strings.Contains(msg, "parsing time") {
		return "", "时间无效：" + msg + "（应为 RFC 3339，如 2022-03-01T09:00:00+08:00）"
	}
	return "", "无法解析：" + msg
}

func goTypeZh(k string) string {
	switch k {
	case "string":
		return "字符串"
	case "slice":
		return "数组"
	case "struct", "map":
		return "对象"
	case "int", "int64":
		return "整数"
	}
	return k
}

// badDateField names the first date field of line that does not parse,
// with its value.
func badDateField(line []byte) (string, string) {
	var m map[string]json.RawMessage
	if json.Unmarshal(line, &m) != nil {
		return "", ""
	}
	for _, f := range []string{"formed_on", "changed_on", "validity_changed_on"} {
		var s string
		if raw, ok := m[f]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			if _, err := calendar.Parse(s); err != nil {
				return f, s
			}
		}
	}
	var posts []struct {
		On string `json:"on"`
	}
	if raw, ok := m["channels"]; ok && json.Unmarshal(raw, &posts) == nil {
		for i, p := range posts {
			if _, err := calendar.Parse(p.On); err != nil {
				return fmt.Sprintf("channels[%d].on", i), p.On
			}
		}
	}
	return "", ""
}
