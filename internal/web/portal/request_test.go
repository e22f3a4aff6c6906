package portal

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
)

// fakeRequests records the last application and answers one lookup; it
// stages files with a real casework service on an in-memory blob store.
type fakeRequests struct {
	got       casework.Application
	key       string // the key of the last submission
	released  bool   // the lookup lists releasedFile
	stager    *casework.Service
	discarded int
}

func (f *fakeRequests) Stage(ctx context.Context, name, ct string, body io.Reader) (casework.File, error) {
	if f.stager == nil {
		b, err := blob.OpenBucket(ctx, "mem://")
		if err != nil {
			return casework.File{}, err
		}
		k, _, _ := pii.GenerateKey()
		// Staging touches only the blob store: the request store and the
		// audit log are never called, so they are empty values here.
		if f.stager, err = casework.New(struct{ casework.Store }{}, &audit.Log{}, pii.NewKeyring(k)); err != nil {
			return casework.File{}, err
		}
		f.stager.Blobs = blob.Seal(b, pii.NewKeyring(k))
	}
	return f.stager.Stage(ctx, name, ct, body)
}

func (f *fakeRequests) Discard(files ...casework.File) { f.discarded += len(files) }

func (f *fakeRequests) Submit(_ context.Context, a casework.Application, _ string) (casework.Receipt, error) {
	f.got = a
	key := a.Key
	if !casework.ValidSubmissionKey(key) {
		key = casework.NewSubmissionKey()
	}
	f.key = key
	return casework.Receipt{RequestID: 1, AgencyID: a.AgencyID, Tracking: "2026-0001", QueryCode: "ABCDEFGHJK", Submitted: calendar.D(2026, 3, 2),
		Key: key, Repeated: a.Content == "重复"}, nil
}

func (f *fakeRequests) ReceiptByKey(_ context.Context, key string) (casework.Receipt, error) {
	if key == "" || key != f.key {
		return casework.Receipt{}, apperr.New(apperr.NotFound, "receipt.expired")
	}
	return casework.Receipt{RequestID: 1, AgencyID: 7, Tracking: "2026-0001", QueryCode: "ABCDEFGHJK", Submitted: calendar.D(2026, 3, 2), Key: key}, nil
}

func (f *fakeRequests) Lookup(_ context.Context, tracking, code string) (casework.PublicView, error) {
	if tracking != "2026-0001" || code != "ABCDEFGHJK" {
		return casework.PublicView{}, apperr.New(apperr.NotFound, "")
	}
	return casework.PublicView{Tracking: tracking, State: "in_progress", StateLabel: "办理中", Submitted: calendar.D(2026, 3, 2),
		Received: calendar.D(2026, 3, 3), Due: calendar.D(2026, 3, 31),
		Explanation: []request.Line{{Kind: request.LineStart, Zh: "2026-03-03 收到申请，当日不计入。", En: "Received 2026-03-03."}},
		Notices:     []casework.Notification{{Body: "您的申请已登记。"}, {Kind: "reply", Body: "已答复"}},
		Letters:     []letter.Kind{letter.KindReply}, Released: f.releasedFiles()}, nil
}

func (f *fakeRequests) releasedFiles() []casework.ReleasedFile {
	if !f.released {
		return nil
	}
	return []casework.ReleasedFile{{ID: releasedFile.ID, Name: releasedFile.Name, Size: releasedFile.Size}}
}

func (f *fakeRequests) PublicLetter(_ context.Context, tracking, code, kind string) (*letter.Letter, error) {
	if tracking != "2026-0001" || code != "ABCDEFGHJK" || kind != "reply" {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return &letter.Letter{Kind: letter.KindReply, Title: "政府信息公开告知书", To: "张三", Body: []letter.Block{{Kind: letter.Para, Text: "予以公开。"}}}, nil
}

func newRequestSite(t *testing.T, reqs Requests) http.Handler {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 7, Name: "北仑区司法局"}}, Assets: assets, Requests: reqs}))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	return web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
}

var goodForm = url.Values{"agency": {"7"}, "type": {"natural_person"}, "name": {"张三"}, "id_number": {"11010519491231002X"},
	"phone": {"13812345678"}, "content": {"2025年北仑区法律援助经费使用情况"}, "form": {"电子"}, "delivery": {"电子邮件"}}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func TestRequestPages(t *testing.T) {
	fake := &fakeRequests{}
	h := newRequestSite(t, fake)
	tests := []struct {
		name, method, url string
		form              url.Values
		status            int
		want, notWant     []string
	}{
		{"form", "GET", "/apply", nil, 200, []string{"第二十七条", `name="id_number"`, "商业企业", "科研机构", "社会公益组织", "法律服务机构",
			"北仑区司法局", "纸质", "当面领取", "网上获取", `<label for="content">`}, []string{"建设中"}},
		{"form english", "GET", "/apply?lang=en", nil, 200, []string{"Request government information", "Identity number"}, nil},
		{"receipt", "POST", "/apply", goodForm, 303, nil, []string{"ABCDEFGHJK"}},
		{"bad resident id", "POST", "/apply", with(goodForm, "id_number", "110105194912310021"), 400,
			[]string{`id="id-error"`, "身份证明号码有误", "校验", `aria-invalid="true"`, "张三"}, nil},
		{"bad credit code", "POST", "/apply", with(goodForm, "type", "commercial", "id_number", "91330200MA2AAAAAA1"), 400,
			[]string{`id="id-error"`, "身份证明号码有误"}, nil},
		{"bad resident id in English", "POST", "/apply?lang=en", with(goodForm, "id_number", "110105194912310021"), 400,
			[]string{`id="id-error"`, "The identity number is wrong", "check digit"}, []string{"校验码错误", "身份证明号码有误"}},
		{"other document not checked", "POST", "/apply", with(goodForm, "id_number", "E12345678", "other_document", "1"), 303, nil, nil},
		{"no contact", "POST", "/apply", with(goodForm, "phone", ""), 400, []string{"至少填写一种联系方式"}, nil},
		{"post needs address", "POST", "/apply", with(goodForm, "delivery", "邮寄"), 400, []string{`id="address-error"`}, nil},
		{"no content", "POST", "/apply", with(goodForm, "content", " "), 400, []string{"第二十九条第二款第（二）项"}, nil},
		{"lookup form", "GET", "/apply/status", nil, 200, []string{`name="tracking"`, `type="password"`}, nil},
		{"lookup", "POST", "/apply/status", url.Values{"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}}, 200,
			[]string{"办理中", "2026-03-31", "当日不计入", "您的申请已登记", "答复期限是怎样算出的", `id="letter-reply"`}, nil},
		{"lookup english explanation", "POST", "/apply/status?lang=en", url.Values{"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}}, 200,
			[]string{"Received 2026-03-03."}, nil},
		{"reply letter", "POST", "/apply/status/letter", url.Values{"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}, "kind": {"reply"}}, 200,
			[]string{"政府信息公开告知书", "予以公开。"}, nil},
		{"letter wrong code", "POST", "/apply/status/letter", url.Values{"tracking": {"2026-0001"}, "code": {"X"}, "kind": {"reply"}}, 404, nil, []string{"予以公开。"}},
		{"lookup wrong code", "POST", "/apply/status", url.Values{"tracking": {"2026-0001"}, "code": {"WRONG"}}, 404,
			[]string{"申请编号或查询码不正确"}, []string{"办理中"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body *strings.Reader
			if tc.form != nil {
				body = strings.NewReader(tc.form.Encode())
			} else {
				body = strings.NewReader("")
			}
			req := httptest.NewRequest(tc.method, tc.url, body)
			if tc.form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status = %d; want %d\n%s", rec.Code, tc.status, rec.Body.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(rec.Body.String(), w) {
					t.Errorf("body has %q", w)
				}
			}
			// The receipt row also checks what reached casework (inside the
			// row, so that it holds when the row runs alone).
			if tc.name == "receipt" && (fake.got.ApplicantType != request.NaturalPerson || fake.got.AgencyID != 7 || fake.got.Delivery != "电子邮件") {
				t.Errorf("submitted %+v", fake.got)
			}
		})
	}
}

// FuzzRequestForm checks that no input makes the form checker panic and
// that a form it accepts has the fields casework requires.
func FuzzRequestForm(f *testing.F) {
	f.Add("natural_person", "张三", "11010519491231002X", "138", "内容", "电子", "邮寄", "")
	f.Add("commercial", "甲公司", "91350100M000100Y43", "", "x", "纸质", "当面领取", "addr")
	f.Fuzz(func(t *testing.T, typ, name, id, phone, content, form, delivery, addr string) {
		rf := RequestForm{AgencyID: 1, Type: typ, Name: name, IDNumber: id, Phone: phone, Content: content, Form: form,
			Delivery: delivery, Address: addr}
		errs := rf.check(func(k string, _ ...any) string { return k }, calendar.D(2026, 1, 1))
		if len(errs) == 0 && (name == "" || content == "" || (phone == "" && addr == "")) {
			t.Errorf("accepted incomplete form %+v", rf)
		}
	})
}

func BenchmarkRequestForm(b *testing.B) {
	assets, _ := web.NewAssets()
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 7, Name: "北仑区司法局"}}, Assets: assets, Requests: &fakeRequests{}}))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	h := web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
	r := httptest.NewRequest("GET", "/apply", nil)
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
}

func BenchmarkRequestStatus(b *testing.B) {
	assets, _ := web.NewAssets()
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 7, Name: "北仑区司法局"}}, Assets: assets, Requests: &fakeRequests{}}))
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	h := web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
	body := url.Values{"tracking": {"2026-0001"}, "code": {"ABCDEFGHJK"}}.Encode()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/apply/status", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
}
