package catalog_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// mapFiles serves attachments from memory.
type mapFiles struct{ fs fstest.MapFS }

func (m mapFiles) Open(name string) (io.ReadCloser, error) { return m.fs.Open(name) }

var tree = catalog.NewTree(catalog.DefaultColumns(1, catalog.LevelCounty))

const goodLine = `{"schema":"gongkai.item/v1","index_no":"002882367/2021-00031","agency":"北仑区司法局","title":"关于印发《行政执法公示办法》的通知","doc_no":"仑司〔2021〕9号","category":"rules/normative","doc_type":"normative","formed_on":"2021-05-06","validity":"in_force","summary":"公示办法","body":"<p>第一条</p><script>x</script>","attachments":[{"name":"办法.txt","path":"files/a.txt"}],"channels":[{"channel":"portal","on":"2021-05-10"},{"channel":"wechat","on":"2021-05-10"}],"disclosure":"proactive","published_at":"2021-05-10T09:00:00+08:00","history":[{"action":"publish","at":"2021-05-10T09:00:00+08:00","by":"旧站"}]}`

func TestReadItemsErrors(t *testing.T) {
	files := mapFiles{fstest.MapFS{"files/a.txt": {Data: []byte("办法全文")}}}
	tests := []struct {
		name string
		line string
		want string // "第 N 行 FIELD：…" fragment
	}{
		{"not json", `{"title":`, "第 1 行：不是有效的 JSON"},
		{"unknown field", strings.Replace(goodLine, `"summary"`, `"abstract"`, 1), "第 1 行 abstract：未知字段"},
		{"wrong type", strings.Replace(goodLine, `"title":"关于`, `"title":3,"x":"`, 1), "第 1 行 title：类型错误"},
		{"bad date", strings.Replace(goodLine, `"2021-05-06"`, `"2021-13-06"`, 1), "第 1 行 formed_on：日期“2021-13-06”无效"},
		{"no index number", strings.Replace(goodLine, `"002882367/2021-00031"`, `""`, 1), "第 1 行 index_no：索引号为空"},
		{"other agency", strings.Replace(goodLine, `"agency":"北仑区司法局"`, `"agency":"北仑区教育局"`, 1), "第 1 行 agency："},
		{"no publication time", strings.Replace(goodLine, `"published_at":"2021-05-10T09:00:00+08:00",`, ``, 1), "第 1 行 published_at"},
		{"unknown column", strings.Replace(goodLine, `"rules/normative"`, `"rules/nope"`, 1), "第 1 行 category"},
		{"missing validity", strings.Replace(goodLine, `"validity":"in_force",`, ``, 1), "第 1 行 validity"},
		{"missing attachment", strings.Replace(goodLine, `files/a.txt`, `files/b.txt`, 1), "第 1 行 attachments[0].path：找不到附件"},
		{"escaping path", strings.Replace(goodLine, `files/a.txt`, `../etc/passwd`, 1), "第 1 行 attachments[0].path"},
		{"not proactive", strings.Replace(goodLine, `"proactive"`, `"on_request"`, 1), "第 1 行 disclosure"},
		{"duplicate", goodLine + "\n" + goodLine, "第 2 行 index_no：索引号 002882367/2021-00031 与第 1 行重复"},
		{"wrong schema", strings.Replace(goodLine, `gongkai.item/v1`, `gongkai.item/v2`, 1), "第 1 行 schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalog.ReadItems(strings.NewReader(tt.line), "北仑区司法局", tree, files)
			var le catalog.LineErrors
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v; want LineErrors with %q", err, tt.want)
			}
		})
	}
	lines, err := catalog.ReadItems(strings.NewReader("\ufeff"+goodLine+"\n\n"), "北仑区司法局", tree, files)
	if err != nil || len(lines) != 1 || lines[0].Item.Body != "<p>第一条</p>" {
		t.Fatalf("good line: %v %+v", err, lines)
	}
}

func FuzzReadItems(f *testing.F) {
	f.Add(goodLine)
	f.Add(`{"index_no":"x","published_at":"2021-01-01T00:00:00Z","title":"t","category":"other","doc_type":"other","formed_on":"2021-01-01"}`)
	f.Add("{}\n{\"a\":1}\n\xff")
	f.Fuzz(func(t *testing.T, s string) {
		lines, err := catalog.ReadItems(strings.NewReader(s), "北仑区司法局", tree, nil)
		var le catalog.LineErrors
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("ReadItems(%q): %v is not LineErrors", s, err)
		}
		for _, l := range lines {
			if l.Item.IndexNo == "" || l.Item.Title == "" || l.Item.PublishedAt.IsZero() {
				t.Fatalf("accepted an incomplete item: %+v", l.Item)
			}
		}
	})
}

func memBlobs(t testing.TB) blob.Store {
	bs, err := blob.Open(context.Background(), "mem://", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bs.Close() })
	return bs
}

func TestImportExportRoundTrip(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		w.svc.Blobs = memBlobs(t)
		ctx := context.Background()
		files := mapFiles{fstest.MapFS{"files/a.txt": {Data: []byte("办法全文，联系人身份证 330206…")}}}
		interp := `{"index_no":"002882367/2021-00032","agency":"北仑区司法局","title":"《行政执法公示办法》政策解读","category":"rules/policy","doc_type":"interpretation","formed_on":"2021-05-06","interprets":["002882367/2021-00031"],"published_at":"2021-06-30T09:00:00+08:00","withdrawn":{"at":"2022-01-05T10:00:00+08:00","reason":"办法已修订"}}`
		ours := fmt.Sprintf(`{"index_no":"%s/2022-00007","agency":"北仑区司法局","title":"通知","category":"other","doc_type":"notice","formed_on":"2022-01-04","published_at":"2022-01-05T09:00:00+08:00"}`, creditCode)
		in := goodLine + "\n" + interp + "\n" + ours + "\n"
		lines, err := catalog.ReadItems(strings.NewReader(in), w.a.Name, catalog.NewTree(catalog.DefaultColumns(w.a.ID, catalog.LevelCounty)), files)
		w.must(err)
		res, err := w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, files)
		w.must(err)
		// 2021-06-30 is more than 20 working days after 2021-05-06.
		if res.Items != 3 || res.Withdrawn != 1 || res.Attachments != 1 || res.Late != 1 || len(res.Findings) != 1 || res.Findings[0].Line != 1 {
			t.Errorf("import result %+v", res)
		}
		// All or nothing: a second import of the same numbers stores nothing.
		_, err = w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, files)
		var le catalog.LineErrors
		if !errors.As(err, &le) || len(le) != 3 || !strings.Contains(le[0].Error(), "已被使用") {
			t.Errorf("re-import: %v; want three index numbers taken", err)
		}
		if all, _ := st.ListItems(ctx, catalog.Filter{AgencyID: w.a.ID}); len(all) != 3 {
			t.Errorf("%d items after the refused import; want 3", len(all))
		}
		// An imported number of our own form is not handed out again.
		id := w.publish(normative("新文件"))
		if it, _ := w.svc.Get(ctx, w.clerk, id); it.IndexNo != creditCode+"/2022-00008" {
			t.Errorf("next index number %s; want …/2022-00008", it.IndexNo)
		}

		var out bytes.Buffer
		got := map[string][]byte{}
		put := func(p string, r io.Reader) error {
			b, err := io.ReadAll(r)
			got[p] = b
			return err
		}
		exp, err := w.svc.Export(ctx, audit.CLI, w.a.ID, w.a.Name, &out, put)
		w.must(err)
		if exp.Items != 4 || exp.Attachments != 1 || string(got["attachments/002882367_2021-00031/办法.txt"]) != "办法全文，联系人身份证 330206…" {
			t.Fatalf("export %+v, files %v", exp, got)
		}
		text := out.String()
		for _, want := range []string{`"interpreted_by":["002882367/2021-00032"]`, `"withdrawn":{"at":"2022-01-05T02:00:00Z","reason":"办法已修订"}`,
			`"body":"<p>第一条</p>"`, `"by":"旧站"`, `"channels":[{"channel":"portal","on":"2021-05-10"},{"channel":"wechat","on":"2021-05-10"}]`} {
			if !strings.Contains(text, want) {
				t.Errorf("export lacks %s:\n%s", want, text)
			}
		}

		// The export imports into another agency's empty catalogue as is.
		w2 := newWorld(t, sqlstoretest.Open(t, sqlstoretest.SQLite))
		w2.svc.Blobs = memBlobs(t)
		exported := mapFiles{fstest.MapFS{}}
		for p, b := range got {
			exported.fs[p] = &fstest.MapFile{Data: b}
		}
		lines2, err := catalog.ReadItems(strings.NewReader(text), w2.a.Name, catalog.NewTree(catalog.DefaultColumns(w2.a.ID, catalog.LevelCounty)), exported)
		w.must(err)
		res2, err := w2.svc.Import(ctx, audit.CLI, w2.a.ID, w2.a.Name, lines2, exported)
		w.must(err)
		if res2.Items != 4 || res2.Withdrawn != 1 || res2.Attachments != 1 {
			t.Errorf("re-import of the export: %+v", res2)
		}
	})
}
