package app

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
	"github.com/gongkai/gongkai/internal/stationery"
)

func itoa(n int) string { return strconv.Itoa(n) }

// testPassword is every fixture account's password.
const testPassword = "Zq7!mPx9#Lw2"

// fixture is a running server on a fresh store with a small hierarchy
// and one account per role:
//
//	宁波市人民政府 (city: sysadmin, secadmin, auditadmin)
//	└── 北仑区人民政府 (district: supervisor)
//	    ├── 北仑区司法局 (clerk, reviewer, head)
//	    └── 北仑区教育局 (clerk2)
type fixture struct {
	t        *testing.T
	app      *App
	srv      *httptest.Server
	agencies map[string]agency.Agency // by short key: city, district, justice, education
	users    map[string]account.User  // by login
	token    string                   // API token of 北仑区司法局
	names    map[string]string        // more {placeholders} for expand, set by fixtureHooks
	clock    *testClock               // the services' clock: the real time plus what a test adds
}

// A testClock is the real time moved on by what a test adds, so a test
// can let time pass (the 3 s a person takes to fill the form) without
// sleeping.
type testClock struct {
	mu    sync.Mutex
	ahead time.Duration
}

// Now is the clock the fixture's App runs on.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.ahead)
}

// Advance moves the clock on by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.ahead += d
	c.mu.Unlock()
}

// fixtureHooks run at the end of newFixture, once the server runs.
// Test files of later features use them to add objects to the fixture (a
// request of 北仑区教育局 for the IDOR test, say) and to name their ids
// for expand: f.names["request:education"] = "7" makes {request:education}.
var fixtureHooks []func(t *testing.T, f *fixture)

// roles are the fixture's accounts, one per role (login = role name).
var roles = []string{"clerk", "reviewer", "head", "supervisor", "sysadmin", "secadmin", "auditadmin"}

// fastHash keeps argon2id cheap in tests; production uses DefaultParams.
var fastHash = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func newFixture(t *testing.T, st *sqlstore.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	cfg := config.Default()
	// Files the app writes (attachments, audit checkpoints) go to the
	// test's own directory, never into the source tree.
	cfg.DataDir = t.TempDir()
	clock := &testClock{}
	cfg.DataDir = t.TempDir() // attachments (PostgreSQL has no SQLite directory)
	a, err := New(ctx, st, cfg, Options{LoginBurst: 1000, LoginEvery: time.Millisecond, ApplyBurst: -1, LookupBurst: -1, Now: clock.Now})
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	t.Cleanup(a.Close)
	a.Auth.Settings.Hash = fastHash
	f := &fixture{t: t, app: a, agencies: map[string]agency.Agency{}, users: map[string]account.User{}, names: map[string]string{}, clock: clock}
	add := func(key, name string, parent string) {
		ag, err := a.Agencies.Create(ctx, audit.CLI, agency.Agency{Name: name, ParentID: f.agencies[parent].ID})
		if err != nil {
			t.Fatalf("create agency %s: %v", name, err)
		}
		f.agencies[key] = ag
	}
	add("city", "宁波市人民政府", "")
	add("district", "北仑区人民政府", "city")
	add("justice", "北仑区司法局", "district")
	add("education", "北仑区教育局", "district")
	// Reply and fee letters name the 复议机关 and the court (regulation.md
	// §8); without them no such letter is issued.
	for _, k := range []string{"justice", "education"} {
		if err := st.SaveLetterSettings(ctx, testRemedies(f.agencies[k].ID)); err != nil {
			t.Fatalf("letter settings of %s: %v", k, err)
		}
	}
	for _, u := range []struct{ login, role, agency string }{
		{"clerk", "clerk", "justice"}, {"reviewer", "reviewer", "justice"}, {"head", "head", "justice"},
		{"supervisor", "supervisor", "district"}, {"sysadmin", "sysadmin", "city"},
		{"secadmin", "secadmin", "city"}, {"auditadmin", "auditadmin", "city"},
		{"clerk2", "clerk", "education"}, {"target", "clerk", "education"},
	} {
		f.addUser(u.login, account.Role(u.role), f.agencies[u.agency].ID)
	}
	_, secret, err := a.Tokens.Issue(ctx, audit.CLI, "测试系统", f.agencies["justice"].ID)
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	f.token = secret
	f.srv = httptest.NewServer(a.Handler)
	t.Cleanup(f.srv.Close)
	for _, hook := range fixtureHooks {
		hook(t, f)
	}
	return f
}

// addUser creates an account with testPassword already chosen (no
// forced change pending).
func (f *fixture) addUser(login string, role account.Role, agencyID int64) account.User {
	f.t.Helper()
	ctx := context.Background()
	u, otp, err := f.app.Auth.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: agencyID, Login: login, Roles: []account.Role{role}})
	if err != nil {
		f.t.Fatalf("add user %s: %v", login, err)
	}
	if err := f.app.Auth.ChangePassword(ctx, audit.CLI, u.ID, otp, testPassword); err != nil {
		f.t.Fatalf("set password of %s: %v", login, err)
	}
	f.users[login] = u
	return u
}

// client returns a browser-like client with its own cookie jar that does
// not follow redirects.
func (f *fixture) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login signs login in on a new client and fails the test otherwise.
func (f *fixture) login(login string) *http.Client {
	f.t.Helper()
	c := f.client()
	resp := f.do(c, "POST", "/admin/login", url.Values{"login": {login}, "password": {testPassword}}.Encode(), nil)
	if resp.status != http.StatusSeeOther || resp.location != "/admin/" {
		f.t.Fatalf("login %s: status %d location %q; body %s", login, resp.status, resp.location, resp.body)
	}
	return c
}

type response struct {
	status   int
	location string
	header   http.Header
	body     string
}

// do sends one request; body is form-encoded when not empty.
func (f *fixture) do(c *http.Client, method, path, body string, header http.Header) response {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, vs := range header {
		req.Header.Del(k) // a test's Content-Type (multipart) replaces the form default
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return f.receipt(c, method, path, response{status: resp.StatusCode, location: resp.Header.Get("Location"), header: resp.Header, body: string(b)})
}

// receipt follows the application form's post/redirect/get as a browser
// does: a POST to /apply answered 303 to the receipt page gives the
// receipt page (fetched with the client's cookies); any other response is
// returned as it is.
func (f *fixture) receipt(c *http.Client, method, path string, r response) response {
	f.t.Helper()
	if p, _, _ := strings.Cut(path, "?"); method == "POST" && p == "/apply" && r.status == http.StatusSeeOther &&
		strings.HasPrefix(r.location, "/apply/receipt") {
		return f.do(c, "GET", r.location, "", nil)
	}
	return r
}

// eachBackend runs fn on SQLite and (when configured) PostgreSQL.
func eachBackend(t *testing.T, fn func(t *testing.T, f *fixture)) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		fn(t, newFixture(t, st))
	})
}

func configDefault() config.Config { return config.Default() }

// testRemedies are letter settings that state the remedies of a 北仑区
// agency (regulation.md §8).
func testRemedies(agencyID int64) stationery.Settings {
	return stationery.Settings{AgencyID: agencyID, ReviewBody: "宁波市北仑区人民政府", Court: "宁波市北仑区人民法院",
		UpdatedBy: "test", UpdatedAt: time.Now()}
}
