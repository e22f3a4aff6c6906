package scan

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// zipOf builds an OOXML package from part name → content.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func wordDoc(body string, extra map[string]string) map[string]string {
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	return parts
}

func para(runs ...string) string { return "<w:p>" + strings.Join(runs, "") + "</w:p>" }
func run(text string) string     { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

func TestDOCX(t *testing.T) {
	tests := []struct {
		name  string
		parts map[string]string
		want  []string // "kind@where[|note prefix]"
	}{
		{"clean", wordDoc(para(run("2022年北仑区司法局工作总结"))+para(run("咨询电话 0574-86781234")), nil), nil},
		{"number split over runs", wordDoc(para(run("身份证号：330206"), run("19850312"), run("2715")), nil),
			[]string{"id_card@第 1 段"}},
		{"table cell", wordDoc(`<w:tbl><w:tr><w:tc>`+para(run("姓名"))+`</w:tc><w:tc>`+para(run("电话"))+`</w:tc></w:tr><w:tr><w:tc>`+para(run("张某"))+`</w:tc><w:tc>`+para(run("13957466123"))+`</w:tc></w:tr></w:tbl>`, nil),
			[]string{"mobile@表格 1 第 2 行第 2 列"}},
		{"hidden text", wordDoc(para(run("正文"), `<w:r><w:rPr><w:vanish/></w:rPr><w:t>330206198503122715</w:t></w:r>`), nil),
			[]string{"hidden@第 1 段|隐藏文字", "id_card@第 1 段|隐藏文字中"}},
		{"vanish off is visible", wordDoc(para(`<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>正文</w:t></w:r>`), nil), nil},
		{"tracked deletion", wordDoc(para(run("联系人："), `<w:del w:author="王某"><w:r><w:delText>13957466123</w:delText></w:r></w:del>`), nil),
			[]string{"hidden@第 1 段|修订记录：已删除的文字", "mobile@第 1 段|修订记录：已删除的文字中"}},
		{"tracked insertion", wordDoc(para(`<w:ins w:author="王某"><w:r><w:t>补充说明</w:t></w:r></w:ins>`), nil),
			[]string{"hidden@第 1 段|修订记录：未接受的插入"}},
		{"comment", wordDoc(para(run("正文")), map[string]string{
			"word/comments.xml": `<w:comments ` + wNS + `><w:comment w:id="0" w:author="李四">` + para(run("此人电话13957466123")) + `</w:comment></w:comments>`}),
			[]string{"hidden@word/comments.xml 批注|批注", "mobile@word/comments.xml 批注"}},
		{"header marking", wordDoc(para(run("正文")), map[string]string{
			"word/header1.xml": `<w:hdr ` + wNS + `>` + para(run("内部资料 注意保存")) + `</w:hdr>`}),
			[]string{"classified@页眉 word/header1.xml 第 1 段"}},
		{"secret at top", wordDoc(para(run("机密★1年"))+para(run("关于……的通知")), nil),
			[]string{"classified@第 1 段"}},
		{"author is a person", wordDoc(para(run("正文")), map[string]string{
			"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>王小明</dc:creator><cp:lastModifiedBy>Administrator</cp:lastModifiedBy></cp:coreProperties>`}),
			[]string{"hidden@docProps/core.xml|文档属性“作者”为人名"}},
		{"author is an office", wordDoc(para(run("正文")), map[string]string{
			"docProps/core.xml": `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>北仑区司法局</dc:creator><cp:lastModifiedBy>微软用户</cp:lastModifiedBy></cp:coreProperties>`}),
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := Document(context.Background(), "a.docx", zipOf(t, tc.parts))
			if err != nil {
				t.Fatal(err)
			}
			checkFindings(t, fs, tc.want)
		})
	}
}

// checkFindings compares findings with "kind@where[|note prefix]" strings.
func checkFindings(t *testing.T, fs []Finding, want []string) {
	t.Helper()
	if len(fs) != len(want) {
		t.Fatalf("%d findings %v; want %d %v", len(fs), fs, len(want), want)
	}
	for i, w := range want {
		kw, note, _ := strings.Cut(w, "|")
		if got := string(fs[i].Kind) + "@" + fs[i].Where; got != kw || !strings.HasPrefix(fs[i].Note, note) {
			t.Errorf("finding %d = %+v; want %s", i, fs[i], w)
		}
	}
}

const ssNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// workbook builds an XLSX with the given sheets (name, state, sheet XML body).
func workbook(sheets [][3]string, extra map[string]string) map[string]string {
	var wbSheets, rels strings.Builder
	parts := map[string]string{
		"[Content_Types].xml":  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/sharedStrings.xml": `<sst ` + ssNS + `><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>张某</t></si><si><r><t>3302061985</t></r><r><t>03122715</t></r></si></sst>`,
	}
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
	for i, s := range sheets {
		id := fmt.Sprintf("rId%d", i+1)
		state := ""
		if s[1] != "" {
			state = ` state="` + s[1] + `"`
		}
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d"%s r:id="%s"/>`, s[0], i+1, state, id)
		fmt.Fprintf(&rels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, id, i+1)
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = `<worksheet ` + ssNS + `>` + s[2] + `</worksheet>`
	}
	rels.WriteString(`</Relationships>`)
	parts["xl/workbook.xml"] = `<workbook ` + ssNS + `><sheets>` + wbSheets.String() + `</sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = rels.String()
	for k, v := range extra {
		parts[k] = v
	}
	return parts
}

func TestXLSX(t *testing.T) {
	header := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`
	tests := []struct {
		name   string
		sheets [][3]string
		extra  map[string]string
		want   []string
	}{
		{"shared string id", [][3]string{{"名单", "", `<sheetData>` + header + `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData>`}}, nil,
			[]string{"id_card@名单!B2"}},
		{"inline string", [][3]string{{"S", "", `<sheetData><row r="5"><c r="C5" t="inlineStr"><is><t>电话13957466123</t></is></c></row></sheetData>`}}, nil,
			[]string{"mobile@S!C5"}},
		{"id stored as number", [][3]string{{"S", "", `<sheetData><row r="2"><c r="B2"><v>3.30206198503123E+17</v></c></row></sheetData>`}}, nil,
			[]string{"id_card@S!B2|疑似"}},
		{"mobile stored as number", [][3]string{{"S", "", `<sheetData><row r="2"><c r="B2"><v>13957466123</v></c></row></sheetData>`}}, nil,
			[]string{"mobile@S!B2"}},
		{"statistics numbers", [][3]string{{"S", "", `<sheetData><row r="2"><c r="B2"><v>2563.8</v></c><c r="C2"><v>448963</v></c><c r="D2"><v>1.2E+20</v></c></row></sheetData>`}}, nil,
			nil},
		{"hidden sheet with data", [][3]string{{"公示", "", `<sheetData>` + header + `</sheetData>`}, {"原始数据", "hidden", `<sheetData>` + header + `</sheetData>`}}, nil,
			[]string{"hidden@原始数据|隐藏工作表"}},
		{"very hidden sheet", [][3]string{{"公示", "", `<sheetData>` + header + `</sheetData>`}, {"底稿", "veryHidden", `<sheetData>` + header + `</sheetData>`}}, nil,
			[]string{"hidden@底稿|深度隐藏工作表"}},
		{"hidden empty sheet", [][3]string{{"公示", "", `<sheetData>` + header + `</sheetData>`}, {"空", "hidden", `<sheetData/>`}}, nil, nil},
		{"hidden row and column", [][3]string{{"S", "", `<cols><col min="3" max="3" hidden="1"/></cols><sheetData>` + header +
			`<row r="2" hidden="1"><c r="A2" t="s"><v>2</v></c></row><row r="3"><c r="C3" t="s"><v>2</v></c></row><row r="4" hidden="1"/></sheetData>`}}, nil,
			[]string{"hidden@S!2:2|隐藏行", "hidden@S!C:C|隐藏列"}},
		{"comment", [][3]string{{"S", "", `<sheetData>` + header + `</sheetData>`}}, map[string]string{
			"xl/worksheets/_rels/sheet1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>`,
			"xl/comments1.xml":                    `<comments ` + ssNS + `><commentList><comment ref="B1"><text><r><t>王某 13957466123</t></r></text></comment></commentList></comments>`},
			[]string{"hidden@S!B1|批注", "mobile@S!B1|批注中"}},
		{"pivot cache", [][3]string{{"S", "", `<sheetData>` + header + `</sheetData>`}}, map[string]string{
			"xl/pivotCache/pivotCacheRecords1.xml": `<pivotCacheRecords ` + ssNS + `/>`},
			[]string{"hidden@xl/pivotCache/pivotCacheRecords1.xml|数据透视表缓存"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := Document(context.Background(), "a.xlsx", zipOf(t, workbook(tc.sheets, tc.extra)))
			if err != nil {
				t.Fatal(err)
			}
			checkFindings(t, fs, tc.want)
		})
	}
}

func TestUnreadable(t *testing.T) {
	bomb := zipOf(t, map[string]string{"word/document.xml": strings.Repeat("0", 70<<20)})
	tests := []struct {
		name string
		data []byte
	}{
		{"broken zip", []byte("PK\x03\x04garbage")},
		{"zip neither docx nor xlsx", zipOf(t, map[string]string{"a.txt": "x"})},
		{"legacy doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}},
		{"malformed xml", zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"})},
		{"zip bomb", bomb},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Document(context.Background(), "a.docx", tc.data)
			if !errors.Is(err, ErrUnreadable) {
				t.Fatalf("err = %v; want ErrUnreadable", err)
			}
		})
	}
}

func TestItems(t *testing.T) {
	src := `{"schema":"gongkai.item/v1","title":"关于张某的处罚决定","body":"<p>当事人身份证号 330206<b>19850312</b>2715</p>"}
{"schema":"gongkai.item/v1","title":"通知","attachments":[{"name":"名单.xlsx","text":"联系人 13957466123"}]}
`
	fs, err := Document(context.Background(), "items.jsonl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	checkFindings(t, fs, []string{"id_card@第 1 行 body", "mobile@第 2 行 attachments[0].text"})
	if _, err := Document(context.Background(), "items.jsonl", []byte("{\"title\":1}\nnot json\n")); !errors.Is(err, ErrUnreadable) {
		t.Errorf("bad line: err = %v; want ErrUnreadable", err)
	}
}
