package app

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// errorBlock is the form-level error list of the page frame.
var errorBlock = regexp.MustCompile(`(?s)<div class="errors" role="alert">.*?</div>`)

// zhMarked is an element marked as Chinese inside an English page.
var zhMarked = regexp.MustCompile(`(?s)<(\w+)[^>]*\slang="zh-CN"[^>]*>.*?</(\w+)>`)

// englishRun is three English words in a row: an English sentence.
var englishRun = regexp.MustCompile(`[A-Za-z]+ [a-z]+ [a-z]+`)

func han(s string) []string {
	var out []string
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			out = append(out, string(r))
		}
	}
	return out
}

// TestErrorLanguage checks error messages speak the page's language: on
// an English page (?lang=en) an error's text has no Chinese except the
// values the user gave (e.g. an agency's name) and elements marked
// lang="zh-CN"; on the Chinese page it is Chinese, with no English
// sentence. The API's JSON message follows ?lang too.
func TestErrorLanguage(t *testing.T) {
	tests := []struct {
		name   string
		as     string
		method string
		url    string
		body   string
		api    bool
		status int
		value  string // a value of the user's that may stay as given
		zh, en string // part of the message in each language
	}{
		{name: "agency name required", as: "sysadmin", method: "POST", url: "/admin/agencies", body: "name=&parent=0", status: 400,
			zh: "机关名称不能为空", en: "The agency's name is required"},
		{name: "agency name taken", as: "sysadmin", method: "POST", url: "/admin/agencies", body: "name=北仑区司法局&parent={district}", status: 409,
			value: "北仑区司法局", zh: "机关名称已存在", en: "The agency name is taken"},
		{name: "two admin roles", as: "sysadmin", method: "POST", url: "/admin/users", body: "login=both&agency={city}&role=sysadmin&role=auditadmin",
			status: 400, zh: "三员分立", en: "Separation of duties"},
		{name: "bad login name", as: "sysadmin", method: "POST", url: "/admin/users", body: "login=%21%21&agency={city}&role=clerk",
			status: 400, zh: "登录名", en: "login name"},
		{name: "disable self", as: "sysadmin", method: "POST", url: "/admin/users/{user:sysadmin}/disable", status: 400,
			zh: "不能停用自己的账户", en: "You cannot disable your own account"},
		{name: "public account password rules", method: "POST", url: "/account/register",
			body: "login=zhang%40example.cn&name=%E5%BC%A0%E4%B8%89&password=short&password2=short", status: 400,
			zh: "口令不符合要求", en: "The password does not meet the rules"},
		{name: "public account name required", method: "POST", url: "/account/register",
			body: "login=li%40example.cn&name=&password=Nb7-river-2026&password2=Nb7-river-2026", status: 400,
			zh: "请填写姓名或名称", en: "Enter your name"},
		{name: "api agency not found", method: "GET", url: "/api/v1/agencies/{education}", api: true, status: 404,
			zh: "机关不存在", en: "No such agency"},
	}
	f := newFixture(t, sqlstoretest.Open(t, sqlstoretest.SQLite))
	for _, tt := range tests {
		for _, lang := range []string{"zh", "en"} {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				c := f.client()
				if tt.as != "" {
					c = f.login(tt.as)
				}
				u := f.expand(tt.url)
				if lang == "en" {
					u += "?lang=en"
				}
				var h map[string][]string
				if tt.api {
					h = map[string][]string{"Authorization": {"Bearer " + f.token}}
				}
				resp := f.do(c, tt.method, u, f.expand(tt.body), h)
				if resp.status != tt.status {
					t.Fatalf("status %d; want %d\n%s", resp.status, tt.status, clip(resp.body))
				}
				var msg string
				if tt.api {
					var e struct{ Message string }
					if err := json.Unmarshal([]byte(resp.body), &e); err != nil {
						t.Fatalf("API error body: %v\n%s", err, resp.body)
					}
					msg = e.Message
				} else {
					msg = html.UnescapeString(errorBlock.FindString(resp.body))
					if msg == "" {
						t.Fatalf("no error list on the page\n%s", clip(resp.body))
					}
				}
				if lang == "zh" {
					if !strings.Contains(msg, tt.zh) {
						t.Errorf("Chinese page: %q lacks %q", msg, tt.zh)
					}
					if m := englishRun.FindString(msg); m != "" {
						t.Errorf("Chinese page: English %q in %q", m, msg)
					}
					return
				}
				if !strings.Contains(msg, tt.en) {
					t.Errorf("English page: %q lacks %q", msg, tt.en)
				}
				rest := zhMarked.ReplaceAllString(msg, "")
				if tt.value != "" {
					rest = strings.ReplaceAll(rest, tt.value, "")
				}
				if h := han(rest); len(h) > 0 {
					t.Errorf("English page: Chinese %q in %q", strings.Join(h, ""), msg)
				}
			})
		}
	}
}
