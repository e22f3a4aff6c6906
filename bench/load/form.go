package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// A Form is an HTML form as a browser would submit it untouched: its
// action, its default values, and the options of each select.
type Form struct {
	Action  string
	Method  string
	Values  url.Values
	Options map[string][]string // select name → non-empty option values
}

// parseForm finds the form whose action is action in an HTML page and
// returns it, or ok false when the page has no such form.
func parseForm(r io.Reader, action string) (Form, bool, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return Form{}, false, fmt.Errorf("parse page: %w", err)
	}
	var form *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if form != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "form" && attr(n, "action") == action {
			form = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if form == nil {
		return Form{}, false, nil
	}
	f := Form{Action: action, Method: strings.ToUpper(attr(form, "method")), Values: url.Values{}, Options: map[string][]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			name := attr(n, "name")
			switch n.Data {
			case "input":
				switch strings.ToLower(attr(n, "type")) {
				case "radio", "checkbox":
					if hasAttr(n, "checked") && name != "" {
						f.Values.Add(name, attr(n, "value"))
					}
				case "submit", "button", "image", "file", "reset":
				default:
					if name != "" {
						f.Values.Set(name, attr(n, "value"))
					}
				}
			case "textarea":
				if name != "" {
					f.Values.Set(name, text(n))
				}
			case "select":
				if name != "" {
					selected, first := "", true
					for _, o := range options(n) {
						v := attr(o, "value")
						if first {
							selected, first = v, false // a browser sends the first option when none is selected
						}
						if v != "" {
							f.Options[name] = append(f.Options[name], v)
						}
						if hasAttr(o, "selected") {
							selected = v
						}
					}
					f.Values.Set(name, selected)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(form)
	return f, true, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func options(sel *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "option" {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(sel)
	return out
}

// residentWeights are the weights of GB 11643-1999 (ISO 7064 MOD 11-2)
// for the first 17 digits of a 居民身份证 number.
var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// residentCheck returns the check character of the first 17 digits.
func residentCheck(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * residentWeights[i]
	}
	return "10X98765432"[sum%11]
}

// fakeResidentID returns a well-formed 居民身份证 number of 北仑区
// (330206) for a made-up adult; it belongs to nobody in particular.
func fakeResidentID(rng *rand.Rand) string {
	born := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(50*365))
	first := fmt.Sprintf("330206%s%03d", born.Format("20060102"), rng.IntN(1000))
	return first + string(residentCheck(first))
}

// fillApplication fills the application form of 条例第二十九条 with a
// made-up natural person, keeping every default the page set (the
// applicant type, the form and the delivery of the information), and
// picks an agency among the select's options.
func fillApplication(f Form, rng *rand.Rand, n int) url.Values {
	v := url.Values{}
	for k, vs := range f.Values {
		v[k] = append([]string(nil), vs...)
	}
	if opts := f.Options["agency"]; len(opts) > 0 {
		v.Set("agency", opts[rng.IntN(len(opts))])
	}
	v.Set("name", fmt.Sprintf("压测申请人%05d", n))
	v.Set("id_number", fakeResidentID(rng))
	v.Set("phone", fmt.Sprintf("139%08d", rng.IntN(100000000)))
	v.Set("email", fmt.Sprintf("bench%d@example.invalid", n))
	v.Set("address", "浙江省宁波市北仑区新碶街道（压测）")
	v.Set("content", fmt.Sprintf("申请公开 2025 年度本机关行政执法统计数据（负载测试第 %d 号申请，可忽略）。", n))
	return v
}

var (
	trackingRe = regexp.MustCompile(`id="tracking"[^>]*>([^<]+)<`)
	codeRe     = regexp.MustCompile(`id="query-code"[^>]*>([^<]+)<`)
)

// parseReceipt reads the tracking number and the query code from the
// receipt page.
func parseReceipt(body []byte) (tracking, code string, ok bool) {
	t := trackingRe.FindSubmatch(body)
	c := codeRe.FindSubmatch(body)
	if t == nil || c == nil {
		return "", "", false
	}
	return strings.TrimSpace(html.UnescapeString(string(t[1]))), strings.TrimSpace(html.UnescapeString(string(c[1]))), true
}
