package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

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

// StripNumbering removes leading item numbers (1. 1、 (三) 3) ⑴ ①) from
// a normalised label: "(三)1.属于国家秘密" → "属于国家秘密". A decimal such
// as "1.5" is not an item number.
func StripNumbering(s string) string {
	for {
		t := stripOneNum(s)
		if t == s {
			return s
		}
		s = t
	}
}

// isNumeral reports whether r can be part of an item number.
func isNumeral(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r)
}

// stripOneNum removes one leading item number from s, if it has one.
func stripOneNum(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == '(':
		i := size
		n := 0
		for i < len(s) {
			r, sz := utf8.DecodeRuneInString(s[i:])
			if !isNumeral(r) {
				break
			}
			i += sz
			n++
		}
		if n > 0 && i < len(s) && s[i] == ')' {
			return s[i+1:]
		}
	case r >= '⑴' && r <= '⒇', r >= '①' && r <= '⑳':
		return s[size:]
	case isNumeral(r):
		i := 0
		for i < len(s) {
			r, sz := utf8.DecodeRuneInString(s[i:])
			if !isNumeral(r) {
				break
			}
			i += sz
		}
		if i < len(s) {
			r, sz := utf8.DecodeRuneInString(s[i:])
			if r == '.' || r == '．' || r == '、' || r == ')' {
				// "1.5" is a number, not an item number.
				if r == '.' && i+sz < len(s) && s[i+sz] >= '0' && s[i+sz] <= '9' {
					return s
				}
				return s[i+sz:]
			}
		}
	}
	return s
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
