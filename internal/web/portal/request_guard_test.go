package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/web"
)

// clockGuard returns a guard whose clock the test moves.
func clockGuard(now *time.Time) *formGuard {
	g := newFormGuard()
	g.now = func() time.Time { return *now }
	return g
}

func TestFormGuardCheck(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	g := clockGuard(&now)
	fresh := g.stamp()
	now = now.Add(-time.Minute)
	old := g.stamp()
	now = now.Add(2 * time.Minute)
	future := g.stamp()
	now = now.Add(-time.Minute)
	other := newFormGuard() // another process: another key
	other.now = g.now
	ts, _, _ := strings.Cut(old, ".")
	tests := []struct {
		name, honeypot, stamp string
		want                  []string // substrings of the reason; none means ""
	}{
		{"person", "", old, nil},
		{"honeypot", "http://spam.example", old, []string{"隐藏的栏目"}},
		{"honeypot blank is fine", "  ", old, nil},
		{"too fast", "", fresh, []string{"0.0 秒即提交"}},
		{"missing stamp", "", "", []string{"缺少表单时间戳"}},
		{"forged mac", "", ts + ".00", []string{"时间戳无效"}},
		{"no mac", "", ts, []string{"时间戳无效"}},
		{"other key", "", other.stamp(), []string{"时间戳无效"}},
		{"future", "", future, []string{"时间戳无效"}},
		{"honeypot and fast", "x", fresh, []string{"隐藏的栏目", "；", "秒即提交"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := g.check(tc.honeypot, tc.stamp)
			if len(tc.want) == 0 && got != "" {
				t.Fatalf("check = %q; want no reason", got)
			}
			if len(tc.want) > 0 && got == "" {
				t.Fatalf("check = \"\"; want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("check = %q; lacks %q", got, w)
				}
			}
		})
	}
}

func TestFormGuardKeep(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	g := clockGuard(&now)
	s := g.stamp()
	now = now.Add(time.Minute)
	if got := g.keep(s); got != s {
		t.Errorf("keep(valid) = %q; want the first stamp %q", got, s)
	}
	if got := g.keep("1.2"); got == "1.2" || g.check("", got) == "" {
		// a new stamp made now is too fresh to pass
		t.Errorf("keep(invalid) = %q; want a new, fresh stamp", got)
	}
}

func FuzzFormGuardShown(f *testing.F) {
	g := newFormGuard()
	f.Add(g.stamp())
	f.Add("")
	f.Add("1.")
	f.Add("-9223372036854775808.ab")
	f.Fuzz(func(t *testing.T, s string) {
		tm, ok := g.shown(s)
		if ok && tm.After(g.now().Add(stampSkew)) {
			t.Fatalf("shown(%q) accepted a future time %v", s, tm)
		}
		_ = g.check(s, s)
	})
}

func BenchmarkFormGuardCheck(b *testing.B) {
	g := newFormGuard()
	s := g.stamp()
	for b.Loop() {
		g.check("", s)
	}
}

// TestPIPLNoticeVersion fails when the notice text changes and
// PIPLNoticeVersion does not: bump the version, then pin the new hash.
func TestPIPLNoticeVersion(t *testing.T) {
	pinned := map[string]string{
		"pipl-2026-11-25": "494ce2dcc22c6841472f6f6f3d0786462028e0796e70ab9a378ae0e11c2a3060",
	}
	m := requestMessages["req.pipl"]
	sum := sha256.Sum256([]byte(m[0] + "\x00" + m[1]))
	got := hex.EncodeToString(sum[:])
	want, ok := pinned[PIPLNoticeVersion]
	if !ok || got != want {
		t.Fatalf("the PIPL notice (req.pipl) is %s under version %q, pinned %q: when the text changes, bump PIPLNoticeVersion and pin the new hash here",
			got, PIPLNoticeVersion, want)
	}
}

var stampRE = regexp.MustCompile(`name="form_ts" value="([^"]+)"`)

func TestApplyFormAntiAutomation(t *testing.T) {
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeRequests{}
	s, err := New(withStubs(Deps{Agencies: fakeAgencies{{ID: 7, Name: "北仑区司法局"}}, Assets: assets, Requests: fake}))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	s.guard.now = func() time.Time { return now }
	mux := http.NewServeMux()
	s.Register(mux)
	h := web.Chain(mux, web.WithRequestID, web.WithPrefs(false))
	do := func(method string, form url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "/apply", strings.NewReader(form.Encode()))
		if method == "POST" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	page := do("GET", nil).Body.String()
	for _, w := range []string{`name="website"`, `tabindex="-1"`, `autocomplete="off"`, `aria-hidden="true"`, `class="visually-hidden"`,
		"告知版本 " + PIPLNoticeVersion} {
		if !strings.Contains(page, w) {
			t.Errorf("form lacks %q", w)
		}
	}
	m := stampRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("form has no form_ts stamp")
	}
	stamp := m[1]
	tests := []struct {
		name  string
		wait  time.Duration
		form  url.Values
		want  string // substring of Suspicious; "" means none
		rerun bool   // an invalid form: shown again with the first stamp
	}{
		{"too fast", time.Second, with(goodForm, "form_ts", stamp), "秒即提交", false},
		{"invalid form keeps the stamp", 0, with(goodForm, "form_ts", stamp, "content", ""), "", true},
		{"person", 10 * time.Second, with(goodForm, "form_ts", stamp), "", false},
		{"honeypot", 0, with(goodForm, "form_ts", stamp, "website", "http://x.example"), "隐藏的栏目", false},
		{"no stamp", 0, goodForm, "缺少表单时间戳", false},
		{"forged stamp", 0, with(goodForm, "form_ts", "1764072000000.deadbeef"), "时间戳无效", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now = now.Add(tc.wait)
			fake.got.Suspicious = "unset"
			rec := do("POST", tc.form)
			if tc.rerun {
				if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `value="`+stamp+`"`) {
					t.Fatalf("status %d; want 400 and the first stamp kept", rec.Code)
				}
				return
			}
			// Never refused (条例第二十九条): always filed, then the receipt.
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/apply/receipt" {
				t.Fatalf("status = %d to %q; want 303 to the receipt", rec.Code, rec.Header().Get("Location"))
			}
			if tc.want == "" && fake.got.Suspicious != "" || !strings.Contains(fake.got.Suspicious, tc.want) {
				t.Errorf("Suspicious = %q; want %q", fake.got.Suspicious, tc.want)
			}
			if fake.got.PIPLNotice != PIPLNoticeVersion {
				t.Errorf("PIPLNotice = %q; want %q", fake.got.PIPLNotice, PIPLNoticeVersion)
			}
		})
	}
}
