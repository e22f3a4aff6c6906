package catalog_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// wordFile writes a DOCX with paragraphs and, when rows is not nil, a
// table after them.
func wordFile(t testing.TB, paras []ooxml.Para, rows []ooxml.TblRow) []byte {
	t.Helper()
	d := ooxml.NewDocument()
	d.Paras(paras...)
	if rows != nil {
		d.Table(ooxml.Tbl{Widths: []int{2000, 2000, 2000}, Rows: rows})
	}
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func cell(text string, span int, vmerge string) ooxml.TblCell {
	return ooxml.TblCell{Span: span, VMerge: vmerge, Paras: []ooxml.Para{{Text: text}}}
}

// TestWordBody turns DOCX files into item bodies: paragraphs, line breaks
// and tables on their grid, markup escaped; bad files get the error that
// names the problem.
func TestWordBody(t *testing.T) {
	doc := wordFile(t, []ooxml.Para{
		{Text: "北仑区司法局关于公布人民调解员名单的通知"},
		{Text: "各街道：", Runs: []ooxml.Run{{Break: true}, {Text: "现将名单公布如下。<script>alert(1)</script>"}}},
		{Text: ""},
	}, []ooxml.TblRow{
		{Cells: []ooxml.TblCell{cell("姓名", 1, ""), cell("所在调委会", 2, "")}},
		{Cells: []ooxml.TblCell{cell("王五", 1, "restart"), cell("大碶", 1, ""), cell("新碶", 1, "")}},
		{Cells: []ooxml.TblCell{cell("", 1, "continue"), cell("小港", 1, ""), cell("霞浦", 1, "")}},
	})
	got, err := catalog.WordBody("通知.docx", bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>北仑区司法局关于公布人民调解员名单的通知</p>\n<p>各街道：<br>现将名单公布如下。&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" +
		"<table><tbody>\n<tr><td>姓名</td><td>所在调委会</td><td></td></tr>\n<tr><td>王五</td><td>大碶</td><td>新碶</td></tr>\n" +
		"<tr><td></td><td>小港</td><td>霞浦</td></tr>\n</tbody></table>"
	if got != want {
		t.Errorf("body\n%s\nwant\n%s", got, want)
	}

	for _, tc := range []struct {
		name, file string
		data       []byte
		key        string
	}{
		{"an old .doc", "通知.doc", doc, "catalog.word.type"},
		{"a PDF named .docx", "通知.docx", []byte("%PDF-1.7\n"), "catalog.word.unreadable"},
		{"a zip without a document", "通知.docx", ooxmltest.ManyEntries(3), "catalog.word.unreadable"},
		{"a zip bomb", "通知.docx", ooxmltest.ZipBomb(1, 100<<20), "catalog.word.unreadable"},
		{"nested a million deep", "通知.docx", ooxmltest.NestedDOCX("w:sdt", 1_000_000), "catalog.word.unreadable"},
		{"no text", "空白.docx", wordFile(t, []ooxml.Para{{Text: ""}}, nil), "catalog.word.empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.WordBody(tc.file, bytes.NewReader(tc.data))
			if apperr.KindOf(err) != apperr.Invalid || apperr.MsgOf(err).Key != tc.key {
				t.Errorf("%v; want Invalid %s", err, tc.key)
			}
		})
	}
}

// TestSetBodyFromWord: the clerk's Word file becomes the working copy's
// body, and the scan on submission sees what it holds.
func TestSetBodyFromWord(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		id, err := w.svc.Create(ctx, w.clerk, w.a.ID, w.a.Name, catalog.Content{Title: "调解员名单", Category: "other",
			DocType: catalog.Notice, FormedOn: w.svc.Today(), Body: "<p>旧正文</p>"})
		w.must(err)
		doc := wordFile(t, []ooxml.Para{{Text: "联系人身份证号码见附表"}}, nil)
		if err := w.svc.SetBodyFromWord(ctx, w.rev, id, "a.docx", bytes.NewReader(doc)); apperr.KindOf(err) != apperr.Forbidden {
			t.Errorf("the reviewer set the body: %v; want Forbidden", err)
		}
		if err := w.svc.SetBodyFromWord(ctx, w.other, id, "a.docx", bytes.NewReader(doc)); apperr.KindOf(err) != apperr.NotFound {
			t.Errorf("another agency's clerk: %v; want NotFound", err)
		}
		if err := w.svc.SetBodyFromWord(ctx, w.clerk, id, "a.pdf", bytes.NewReader(doc)); apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("a PDF: %v; want Invalid", err)
		}
		w.must(w.svc.SetBodyFromWord(ctx, w.clerk, id, `C:\文件\a.docx`, bytes.NewReader(doc)))
		it, err := w.svc.Get(ctx, w.clerk, id)
		w.must(err)
		if it.Content.Body != "<p>联系人身份证号码见附表</p>" || it.Content.Title != "调解员名单" {
			t.Errorf("working copy %q %q", it.Content.Title, it.Content.Body)
		}
		w.must(w.svc.Submit(ctx, w.clerk, id))
		it, _ = w.svc.Get(ctx, w.clerk, id)
		if len(it.Findings) != 1 || it.Findings[0].File != catalog.BodyFile {
			t.Errorf("findings %+v; want the body's ID number", it.Findings)
		}
	})
}

// FuzzWordBody: any bytes give a body or an Invalid error, never a panic,
// and a body holds no script.
func FuzzWordBody(f *testing.F) {
	f.Add(wordFile(f, []ooxml.Para{{Text: "正文"}}, []ooxml.TblRow{{Cells: []ooxml.TblCell{cell("a", 2, "")}}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		body, err := catalog.WordBody("f.docx", bytes.NewReader(data))
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("%v; want Invalid", err)
			}
			return
		}
		if strings.Contains(strings.ToLower(body), "<script") {
			t.Fatalf("body holds a script: %q", body)
		}
	})
}
