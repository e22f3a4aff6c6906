package app

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ooxml/ooxmltest"
)

// TestCatalogBombWarning uploads a zip bomb named .xlsx to a draft
// through the back office: the item page shows the warning beside the
// file, in both languages' message, and the scan lists it as a hazard
// instead of reading it (#10 item 7).
func TestCatalogBombWarning(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		justice := f.agencies["justice"]
		if err := f.app.Catalog.SetProfile(ctx, audit.CLI, catalog.Profile{AgencyID: justice.ID, CreditCode: "11330206002882367P",
			Level: catalog.LevelCounty}, justice.Name); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"title": {"统计表"}, "category": {"other"}, "doc_type": {"notice"},
			"formed_on": {time.Now().In(catalog.CST).Format("2006-01-02")}, "body": {"<p>见附件</p>"}}
		resp := f.run(t, scenario{name: "clerk drafts", as: "clerk", method: "POST", url: "/admin/catalog", body: form.Encode(), status: 303})
		f.names["item"] = strings.TrimPrefix(resp.location, "/admin/catalog/")
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "统计表.xlsx")
		fw.Write(ooxmltest.ZipBomb(3, 64<<20))
		mw.Close()
		f.run(t, scenario{name: "clerk attaches a zip bomb", as: "clerk", method: "POST", url: "/admin/catalog/{item}/attachments", body: body.String(),
			header: http.Header{"Content-Type": {mw.FormDataContentType()}}, status: 303})
		for _, sc := range []scenario{
			{name: "the page warns", as: "clerk", method: "GET", url: "/admin/catalog/{item}", status: 200,
				want: []string{"统计表.xlsx", "危险文件", "压缩比异常", "word/document.xml", "请勿在办公电脑上直接打开"}},
			{name: "submit: the scan does not read it", as: "clerk", method: "POST", url: "/admin/catalog/{item}/steps/submit", status: 303},
			{name: "the reviewer sees a hazard finding", as: "reviewer", method: "GET", url: "/admin/catalog/{item}", status: 200,
				want: []string{`id="findings"`, "hazard", "zip_ratio"}},
		} {
			f.run(t, sc)
		}
	})
}

// TestRequestBombWarning: a zip bomb attached to a request is flagged on
// the request page, as on the catalogue page, before anyone opens it.
func TestRequestBombWarning(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, _, _ := submitOnPortal(t, f)
		f.names["req"] = strconv.FormatInt(id, 10)
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {`form-data; name="file"; filename="补充材料.docx"`},
			"Content-Type": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}})
		fw.Write(ooxmltest.ZipBomb(3, 64<<20))
		mw.Close()
		f.walk(t, []scenario{
			{name: "the page has no warning yet", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200, notWant: []string{"危险文件"}},
			{name: "clerk attaches a zip bomb", as: "clerk", method: "POST", url: "/admin/requests/{req}/attachments", body: body.String(),
				header: http.Header{"Content-Type": {mw.FormDataContentType()}}, status: 303},
			{name: "the page warns", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{"补充材料.docx", "危险文件", "压缩比异常", "请勿在办公电脑上直接打开"}},
		})
	})
}
