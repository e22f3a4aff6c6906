package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// numberingRE matches a leading item number: 1. 1、 （三） (3) 三、 ⑴.
var numberingRE = regexp.MustCompile(`^(?:\(?[0-9一二三四五六七八九十]+\)|[0-9一二三四五六七八九十]+[.、．]|[⑴-⒇①-⑳])`)

// Normalize prepares a label for matching: full-width ASCII becomes
// half-width (（三） → (三)), Word artefacts such as [bookmark: _GoBack],
// quotes, zero-width characters and all white space are removed. It runs
// in one pass (the parser calls it for every cell) and returns plain ASCII
// that needs none of this without allocating.
func Normalize(s string) string {
	if asciiNormal(s) {
		return s
	}
	if strings.Contains(s, "bookmark") {
		s = dropBookmarks(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= utf8.RuneSelf {
			if f := width.LookupRune(r).Folded(); f != 0 {
				r = f
			}
		}
		switch r {
		case '“', '”', '"', '‘', '’', '\'', '「', '」', '『', '』', '\u200b', '\ufeff':
			continue
		}
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiNormal reports whether s is ASCII that Normalize leaves as it is.
func asciiNormal(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c <= ' ', c == '"', c == '\'', c == '[':
			return false
		}
	}
	return true
}

// dropBookmarks removes Word's "[bookmark: _GoBack]" artefacts, in
// half-width or full-width brackets.
func dropBookmarks(s string) string {
	for _, open := range [...]string{"[bookmark", "［bookmark"} {
		for {
			i := strings.Index(s, open)
			if i < 0 {
				break
			}
			rest := s[i:]
			j := strings.IndexAny(rest, "]］")
			if j < 0 {
				s = s[:i]
				break
			}
			_, size := utf8.DecodeRuneInString(rest[j:])
			s = s[:i] + rest[j+size:]
		}
	}
	return s
}

// StripNumbering removes leading item numbers from a normalised label:
// "(三)1.属于国家秘密" → "属于国家秘密".
func StripNumbering(s string) string {
	for {
		loc := numberingRE.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			return s
		}
		s = s[loc[1]:]
	}
}

// leafKey is a row's label without numbering and without its
// parenthetical note: "部分公开", "属于国家秘密", "其他".
func leafKey(label string) string {
	s := StripNumbering(Normalize(label))
	if i := strings.Index(s, "(区分处理"); i > 0 {
		s = s[:i]
	}
	return s
}

// MatchResult finds the result row (granted … other_other) whose leaf label
// is s, written with or without its numbering ("予以公开", "（二）部分公开",
// "1.属于国家秘密", "3.其他"), or whose stable id is s. The bare 其他 is
// other_other.
func MatchResult(s string) (RowID, bool) {
	if r, ok := RowByID(strings.TrimSpace(s)); ok && r.IsResult() {
		return r, true
	}
	key := leafKey(s)
	if key == "" {
		return 0, false
	}
	for _, r := range ResultRows() {
		if leafKey(Rows[r].Label) == key {
			return r, true
		}
	}
	return 0, false
}

// ResultLeafLabels returns the leaf labels of the 21 result rows, for
// suggestions in error messages.
func ResultLeafLabels() []string {
	out := make([]string, 0, 21)
	for _, r := range ResultRows() {
		out = append(out, leafKey(Rows[r].Label))
	}
	return out
}
