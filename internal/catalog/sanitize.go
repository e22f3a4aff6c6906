package catalog

import (
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// bodyPolicy is what an item's body may hold (catalog.md §2): headings,
// paragraphs, emphasis, lists, tables with merged cells, links and images
// by http(s) or relative URL; no script, style, form, frame or event
// attribute. Links get rel="nofollow noopener" and open as they are.
var bodyPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
		"sub", "sup", "blockquote", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd", "span", "div",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col", "figure", "figcaption")
	p.AllowAttrs("colspan", "rowspan").Matching(regexp.MustCompile(`^[0-9]{1,3}$`)).OnElements("td", "th")
	p.AllowAttrs("span").Matching(regexp.MustCompile(`^[0-9]{1,3}$`)).OnElements("col", "colgroup")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right|justify)$`)).OnElements("p", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt", "width", "height").OnElements("img")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[0-9]{1,4}%?$`)).OnElements("img")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.RequireNoReferrerOnLinks(false)
	return p
})

// tagRE finds the start of an HTML tag, comment or entity: a body without
// one is plain text.
var tagRE = regexp.MustCompile(`<[a-zA-Z!/?]|&[a-zA-Z#]`)

// Sanitize returns body with everything outside the body policy removed:
// the only form in which a body is stored. Text outside any element is
// kept; a body of plain text becomes paragraphs.
func Sanitize(body string) string {
	if !tagRE.MatchString(body) {
		return TextToHTML(body)
	}
	return strings.TrimSpace(bodyPolicy().Sanitize(body))
}

// TextToHTML turns plain text into paragraphs, one per non-empty line,
// with the text escaped.
func TextToHTML(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("<p>" + escapeText(line) + "</p>\n")
		}
	}
	return strings.TrimSpace(b.String())
}
