package catalog

import (
	"strings"

	"golang.org/x/net/html"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p onclick="x()">正文<script>alert(1)</script></p>`, `<p>正文</p>`},
		{`<h2>一、总则</h2><style>p{}</style><table><tr><td colspan="2" style="color:red">合计</td></tr></table>`,
			`<h2>一、总则</h2><table><tr><td colspan="2">合计</td></tr></table>`},
		{`<a href="javascript:alert(1)">x</a><a href="https://www.gov.cn/">国务院</a>`,
			`x<a href="https://www.gov.cn/" rel="nofollow">国务院</a>`},
		{`<iframe src="https://evil"></iframe><img src="x.png" onerror="x" alt="图">`, `<img src="x.png" alt="图">`},
		{"第一行\r\n\r\n第二行 <", "<p>第一行</p>\n<p>第二行 &lt;</p>"},
		{"纯文本\n两行", "<p>纯文本</p>\n<p>两行</p>"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add(`<p onclick="x()">a<script>b</script></p>`)
	f.Add(`<a href="jav&#x09;ascript:x">y</a><svg onload=x>`)
	f.Add("<table><tr><td rowspan=2>x")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			tok := z.Token()
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			switch tok.Data {
			case "script", "style", "iframe", "svg", "object", "embed", "form", "input", "math":
				t.Fatalf("Sanitize(%q) kept <%s>: %q", s, tok.Data, out)
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") {
					t.Fatalf("Sanitize(%q) kept %s=%q: %q", s, a.Key, a.Val, out)
				}
			}
		}
	})
}

func goodContent() Content {
	return Content{Title: "北仑区司法局关于印发某办法的通知", DocNo: "仑司〔2022〕12号", Category: "rules/normative",
		DocType: Normative, FormedOn: d("2022-03-01"), Validity: InForce, Disclosure: Proactive,
		Body: "<p>正文</p>", Channels: []Post{{PortalChannel, d("2022-03-05")}}}
}

func TestContentCheck(t *testing.T) {
	tree := NewTree(DefaultColumns(1, LevelCounty))
	if errs := goodContent().Check(tree, false); len(errs) != 0 {
		t.Fatalf("good content: %v", errs)
	}
	tests := []struct {
		name  string
		edit  func(*Content)
		draft bool
		field string
	}{
		{"no title", func(c *Content) { c.Title = "" }, true, "title"},
		{"long title", func(c *Content) { c.Title = strings.Repeat("长", MaxTitleLen+1) }, false, "title"},
		{"no category", func(c *Content) { c.Category = "" }, false, "category"},
		{"unknown category", func(c *Content) { c.Category = "rules/unknown" }, true, "category"},
		{"bad type", func(c *Content) { c.DocType = "law" }, true, "doc_type"},
		{"no formed date", func(c *Content) { c.FormedOn = calendar.Date{} }, false, "formed_on"},
		{"changed before formed", func(c *Content) { c.ChangedOn = d("2022-01-01") }, false, "changed_on"},
		{"normative without validity", func(c *Content) { c.Validity = "" }, false, "validity"},
		{"notice with validity", func(c *Content) { c.DocType = Notice }, false, "validity"},
		{"repealed without date", func(c *Content) { c.Validity = Repealed }, false, "validity_changed_on"},
		{"amended without successor", func(c *Content) { c.Validity, c.ValidityChangedOn = Amended, d("2022-05-01") }, false, "replaced_by"},
		{"not public without article", func(c *Content) { c.Disclosure = NotPublic }, false, "disclosure_basis"},
		{"interprets from a notice", func(c *Content) { c.DocType, c.Validity, c.Interprets = Notice, "", []string{"X"} }, false, "interprets"},
		{"attachment path", func(c *Content) { c.Attachments = []Attachment{{Name: "../a.pdf"}} }, false, "attachments[0].name"},
		{"channel without date", func(c *Content) { c.Channels = []Post{{Channel: "wechat"}} }, false, "channels[0].on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodContent()
			tt.edit(&c)
			errs := c.Check(tree, tt.draft)
			found := false
			for _, e := range errs {
				found = found || e.Field == tt.field
			}
			if !found {
				t.Errorf("errors %v; want one on %s", errs, tt.field)
			}
		})
	}
	draft := Content{Title: "草稿"}.Normalize()
	if errs := draft.Check(tree, true); len(errs) != 0 {
		t.Errorf("a bare draft: %v", errs)
	}
	if draft.Disclosure != Proactive {
		t.Errorf("default disclosure %q", draft.Disclosure)
	}
}

func TestIndexNo(t *testing.T) {
	n := IndexNo("11330206002882367X", 2022, 12)
	if n != "11330206002882367X/2022-00012" {
		t.Fatalf("IndexNo = %s", n)
	}
	code, y, seq, ok := ParseIndexNo(n)
	if !ok || code != "11330206002882367X" || y != 2022 || seq != 12 {
		t.Errorf("ParseIndexNo = %s %d %d %v", code, y, seq, ok)
	}
	if _, _, _, ok := ParseIndexNo("002882367/2022-00012"); ok {
		t.Error("parsed a foreign index number")
	}
	for s, ok := range map[string]bool{"A/1": true, "": false, "a b": false, strings.Repeat("x", 81): false} {
		if err := CheckIndexNo(s); (err == nil) != ok {
			t.Errorf("CheckIndexNo(%q) = %v", s, err)
		}
	}
}

func TestTimeliness(t *testing.T) {
	cal := calendar.National()
	c := Content{FormedOn: d("2022-09-01")} // 20 working days: 国庆 2022-10-01…07, make-up 10-08, 10-09
	due := cal.AddWorkdays(d("2022-09-01"), 20)
	tests := []struct {
		name      string
		published time.Time
		today     string
		late      bool
	}{
		{"on the due day", due.Time().Add(10 * time.Hour), "2023-01-01", false},
		{"the day after", due.AddDays(1).Time().Add(10 * time.Hour), "2023-01-01", true},
		{"unpublished, still in time", time.Time{}, "2022-09-05", false},
		{"unpublished, overdue", time.Time{}, "2022-12-01", true},
		// 23:30 UTC on the due day is the next morning in Beijing.
		{"late by the Beijing clock", due.Time().Add(23*time.Hour + 30*time.Minute), "2023-01-01", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckTimeliness(cal, c, tt.published, d(tt.today))
			if got.Late != tt.late || got.Due != due {
				t.Errorf("got %+v; want late %v due %s", got, tt.late, due)
			}
		})
	}
	if got := CheckTimeliness(cal, Content{FormedOn: d("2022-03-01"), ChangedOn: d("2022-06-01")}, d("2022-06-20").Time(), d("2022-07-01")); got.Start != d("2022-06-01") || got.Late {
		t.Errorf("changed item: %+v; want counted from the change", got)
	}
}
