package portal

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/web"
)

// fakeAccounts is one account (id 7, password "right password 1") with
// one request (id 3); code "GOODCODE22" claims request 4.
type fakeAccounts struct {
	linked  []int64
	noticed bool
}

var fakeAccount = publicuser.Account{ID: 7, Login: "13812345678", DisplayName: "张三", PasswordChangedAt: time.Unix(100, 0)}

func (f *fakeAccounts) Register(_ context.Context, g publicuser.Registration, _ string) (publicuser.Account, error) {
	if g.Login == "taken@example.cn" {
		return publicuser.Account{}, nil // the service answers a taken login as a free one
	}
	return fakeAccount, nil
}

// TakeNotices gives one lockout notice, once.
func (f *fakeAccounts) TakeNotices(context.Context, int64) ([]account.Notice, error) {
	if f.noticed {
		return nil, nil
	}
	f.noticed = true
	return []account.Notice{{Topic: account.TopicLockout, Detail: "203.0.113.9|2026-12-06 16:20", CreatedAt: time.Unix(1_765_000_000, 0)}}, nil
}

func (f *fakeAccounts) Login(_ context.Context, login, pw, _ string) (publicuser.Account, error) {
	if login == fakeAccount.Login && pw == "right password 1" {
		return fakeAccount, nil
	}
	return publicuser.Account{}, publicuser.ErrBadCredentials
}

func (f *fakeAccounts) Logout(context.Context, int64, string) error { return nil }

func (f *fakeAccounts) Account(_ context.Context, id int64) (publicuser.Account, error) {
	if id != fakeAccount.ID {
		return publicuser.Account{}, apperr.New(apperr.NotFound, "")
	}
	return fakeAccount, nil
}

func (f *fakeAccounts) ChangePassword(context.Context, int64, string, string, string) (time.Time, error) {
	return fakeAccount.PasswordChangedAt, nil
}

func (f *fakeAccounts) LinkSubmitted(_ context.Context, _, requestID int64, _ string) error {
	f.linked = append(f.linked, requestID)
	return nil
}

func (f *fakeAccounts) Claim(_ context.Context, _ int64, tracking, code, _ string) (publicuser.LinkedRequest, error) {
	if code != "GOODCODE22" {
		return publicuser.LinkedRequest{}, apperr.New(apperr.NotFound, "")
	}
	return publicuser.LinkedRequest{RequestID: 4, Tracking: tracking}, nil
}

func (f *fakeAccounts) Requests(context.Context, int64) ([]publicuser.LinkedRequest, error) {
	return []publicuser.LinkedRequest{{RequestID: 3, Tracking: "2026-0003", Agency: "北仑区司法局", State: casework.Submitted}}, nil
}

func (f *fakeAccounts) Status(_ context.Context, accountID, requestID int64) (casework.PublicView, error) {
	if accountID != fakeAccount.ID || requestID != 3 && !slices.Contains(f.linked, requestID) {
		return casework.PublicView{}, apperr.New(apperr.NotFound, "")
	}
	return casework.PublicView{Tracking: "2026-0003", State: "submitted", StateLabel: "待确认"}, nil
}

func newAccountSite(t *testing.T) (*httptest.Server, *fakeAccounts) {
	t.Helper()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	sm := scs.New()
	sm.Store = memstore.New()
	fa := &fakeAccounts{}
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 1, Name: "北仑区司法局"}}, Assets: assets, Accounts: fa,
		PublicSessions: sm, Requests: &fakeRequests{}, AccountLimiter: web.NewRateLimiter(4, time.Hour)}))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Register(mux)
	srv := httptest.NewServer(web.Chain(mux, web.WithRequestID, web.WithPrefs(false)))
	t.Cleanup(srv.Close)
	return srv, fa
}

func client(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func do(t *testing.T, c *http.Client, srv *httptest.Server, method, path string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func TestAccountPages(t *testing.T) {
	srv, fa := newAccountSite(t)
	c := client(t)
	steps := []struct {
		name, method, path string
		form               url.Values
		status             int
		location           string
		want, notWant      []string
	}{
		{"signed out: my requests", "GET", "/account", nil, 303, "/account/login", nil, nil},
		{"signed out: a request", "GET", "/account/requests/3", nil, 303, "/account/login", nil, nil},
		{"signed out: a released file", "GET", "/account/requests/3/files/9", nil, 303, "/account/login", nil, nil},
		{"login form", "GET", "/account/login", nil, 200, "", []string{`<label for="login">`, `autocomplete="current-password"`, "我的申请"}, nil},
		{"register form", "GET", "/account/register", nil, 200, "", []string{"个人信息处理告知", `for="password2"`}, nil},
		{"register taken: as a new login, not signed in", "POST", "/account/register", url.Values{"login": {"taken@example.cn"}, "name": {"x"}, "password": {"a"}, "password2": {"a"}}, 303, "/account/login?registered=1", nil, nil},
		{"after registering: sign in", "GET", "/account/login?registered=1", nil, 200, "", []string{"注册申请已受理", "账号所有人会收到通知"}, nil},
		{"still signed out", "GET", "/account", nil, 303, "/account/login", nil, nil},
		{"register mismatch", "POST", "/account/register", url.Values{"login": {"a@example.cn"}, "name": {"x"}, "password": {"a"}, "password2": {"b"}}, 400, "", []string{"两次输入的密码不一致"}, nil},
		{"wrong password", "POST", "/account/login", url.Values{"login": {"13812345678"}, "password": {"nope"}}, 401, "", []string{"账号或密码错误"}, nil},
		{"apply signed out", "GET", "/apply", nil, 200, "", []string{`href="/account/login"`}, []string{`value="13812345678"`}},
		{"login", "POST", "/account/login", url.Values{"login": {"13812345678"}, "password": {"right password 1"}}, 303, "/account", nil, nil},
		{"my requests, with the lockout notice", "GET", "/account", nil, 200, "", []string{`href="/account/requests/3"`, "2026-0003", "北仑区司法局", "待确认", "张三",
			`id="account-notices"`, "因来自 203.0.113.9 的连续多次密码错误", "至 2026-12-06 16:20（北京时间）解除"}, nil},
		{"the notice is shown once", "GET", "/account", nil, 200, "", nil, []string{`id="account-notices"`}},
		{"status through the link", "GET", "/account/requests/3", nil, 200, "", []string{`id="tracking">2026-0003`}, []string{"/apply/status/letter"}},
		{"another request", "GET", "/account/requests/4", nil, 404, "", nil, nil},
		{"released file", "GET", "/account/requests/3/files/9", nil, 200, "", []string{"%PDF-1.4"}, nil},
		{"released file of another request", "GET", "/account/requests/4/files/9", nil, 404, "", nil, []string{"%PDF"}},
		{"bad id", "GET", "/account/requests/x", nil, 404, "", nil, nil},
		{"apply prefilled", "GET", "/apply", nil, 200, "", []string{`id="account-note"`, `name="name" value="张三"`, `name="phone" value="13812345678"`}, nil},
		{"apply linked", "POST", "/apply", url.Values{"agency": {"1"}, "type": {"natural_person"}, "name": {"张三"},
			"id_number": {"11010519491231002X"}, "phone": {"13812345678"}, "content": {"某文件"}, "form": {"电子"}, "delivery": {"电子邮件"}},
			303, "/apply/receipt", nil, nil},
		{"receipt linked", "GET", "/apply/receipt", nil, 200, "", []string{`id="account-linked"`, "2026-0001"}, nil},
		{"claim wrong code", "POST", "/account/claim", url.Values{"tracking": {"2026-0004"}, "code": {"BAD"}}, 404, "", []string{"申请编号或查询码不正确"}, nil},
		{"claim", "POST", "/account/claim", url.Values{"tracking": {"2026-0004"}, "code": {"GOODCODE22"}}, 303, "/account", nil, nil},
		{"claimed notice", "GET", "/account", nil, 200, "", []string{"已将申请加入您的账号"}, nil},
		{"logout", "POST", "/account/logout", nil, 303, "/account/login?out=1", nil, nil},
		{"signed out again", "GET", "/account", nil, 303, "/account/login", nil, nil},
		{"rate limited", "POST", "/account/login", url.Values{"login": {"13812345678"}, "password": {"right password 1"}}, 429, "", []string{"尝试次数过多"}, nil},
	}
	for _, st := range steps {
		status, loc, body := do(t, c, srv, st.method, st.path, st.form)
		if status != st.status || loc != st.location {
			t.Fatalf("%s: got %d %q; want %d %q\n%s", st.name, status, loc, st.status, st.location, body)
		}
		for _, w := range st.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", st.name, w)
			}
		}
		for _, w := range st.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s: body has %q", st.name, w)
			}
		}
	}
	if len(fa.linked) != 1 || fa.linked[0] != 1 {
		t.Fatalf("linked %v; want the one request filed while signed in", fa.linked)
	}
}
