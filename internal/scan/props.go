package scan

import (
	"encoding/xml"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// personProps are the document properties that hold a person's name when
// Office fills them from the author's account.
var personProps = map[string]string{
	"creator":        "作者",
	"lastModifiedBy": "最后修改者",
	"Manager":        "经理",
}

// properties reports document properties (docProps/core.xml and app.xml)
// that name a person: the author of a published document is often a
// clerk's full name.
func properties(a *ooxml.Archive) ([]Finding, error) {
	var out []Finding
	for _, part := range []string{"docProps/core.xml", "docProps/app.xml"} {
		if !a.Has(part) {
			continue
		}
		rc, err := a.Open(part)
		if err != nil {
			return nil, err
		}
		d := xml.NewDecoder(io.LimitReader(rc, 1<<20))
		var label string
		for {
			tok, err := d.RawToken()
			if err != nil {
				break // a broken properties part hides nothing more
			}
			switch t := tok.(type) {
			case xml.StartElement:
				label = personProps[t.Name.Local]
			case xml.CharData:
				if v := strings.TrimSpace(string(t)); label != "" && personName(v) {
					out = append(out, Finding{Kind: Hidden, Where: part, Masked: Mask(v), Note: "文档属性“" + label + "”为人名"})
				}
			case xml.EndElement:
				label = ""
			}
		}
		rc.Close()
	}
	return out, nil
}

// orgChars end the names of organisations and offices, not persons.
const orgChars = "局厅委办府司院所站队部处科室中心会社校馆团组股段营厂行署"

// accountNames are the names Office and operating systems put in when no
// one typed a name.
var accountNames = map[string]bool{
	"微软用户": true, "用户": true, "管理员": true, "作者": true, "系统管理员": true, "雨林木风": true, "番茄花园": true,
	"深度技术": true, "微软中国": true, "中国": true, "未知": true,
}

// personName reports whether a property value looks like a person's name:
// two to four Han characters that are not an organisation or an account
// name, or a capitalised "Given Family" pair in Latin letters.
func personName(v string) bool {
	if n := utf8.RuneCountInString(v); n >= 2 && n <= 4 && allHan(v) {
		last, _ := utf8.DecodeLastRuneInString(v)
		return !accountNames[v] && !strings.ContainsRune(orgChars, last)
	}
	parts := strings.Fields(v)
	if len(parts) != 2 {
		return false
	}
	for _, p := range parts {
		r, size := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) || len(p) < 2 {
			return false
		}
		for _, c := range p[size:] {
			if !unicode.IsLower(c) {
				return false
			}
		}
	}
	switch strings.ToLower(v) {
	case "microsoft office", "office user", "windows user", "dell user", "hp inc":
		return false
	}
	return true
}

func allHan(s string) bool {
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return true
}
