// Package webtest holds checks that the sites' tests share.
package webtest

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// ZhUnmarked returns, for each of values found in the text of page (an
// HTML document), the places where it is printed without a lang="zh-CN"
// on its element or an ancestor below <html>. On an English page, data
// that exists only in Chinese (agency names, what users typed, rule texts
// kept in Chinese) must be marked so that screen readers and browsers
// (fonts, hyphenation, translation) treat it as Chinese (WCAG 3.1.2,
// language of parts). The document's <title> is not checked: it is one
// string, whose parts no markup can mark.
func ZhUnmarked(page string, values ...string) []string {
	z := html.NewTokenizer(strings.NewReader(page))
	type open struct {
		tag string
		zh  bool
	}
	var stack []open
	marked := func() bool {
		for _, o := range stack {
			if o.zh && o.tag != "html" {
				return true
			}
		}
		return false
	}
	var out []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				out = append(out, "parse: "+z.Err().Error())
			}
			return out
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			o := open{tag: string(name)}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "lang" && strings.HasPrefix(string(v), "zh") {
					o.zh = true
				}
			}
			if !voidElement[o.tag] {
				stack = append(stack, o)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == string(name) {
					stack = stack[:i]
					break
				}
			}
		case html.TextToken:
			text := string(z.Text())
			if len(stack) > 0 && stack[len(stack)-1].tag == "title" {
				continue // one string: a document title cannot mark a part
			}
			if len(stack) > 0 && stack[len(stack)-1].tag == "script" {
				continue // data for a script (a JSON block), never shown as text
			}
			for _, v := range values {
				if strings.Contains(text, v) && !marked() {
					where := "document"
					if len(stack) > 0 {
						where = "<" + stack[len(stack)-1].tag + ">"
					}
					out = append(out, fmt.Sprintf("%q in %s %q", v, where, strings.TrimSpace(text)))
				}
			}
		}
	}
}

// voidElement lists the elements that have no end tag.
var voidElement = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
