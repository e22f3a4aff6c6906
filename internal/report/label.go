package report

import (
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

var (
	bookmarkRE = regexp.MustCompile(`\[bookmark:[^\]]*\]`)
	// numberingRE matches a leading item number: 1. 1、 （三） (3) 三、 ⑴.
	numberingRE = regexp.MustCompile(`^(?:\(?[0-9一二三四五六七八九十]+\)|[0-9一二三四五六七八九十]+[.、．]|[⑴-⒇①-⑳])`)
	spaceRE     = regexp.MustCompile(`[\s\p{Zs}]+`)
	punctFolder = strings.NewReplacer("“", "", "”", "", "\"", "", "‘", "", "’", "", "'", "", "「", "", "」", "", "，", ",", "：", ":", "；", ";")
)

// Normalize prepares a label for matching: full-width ASCII becomes
// half-width (（三） → (三)), Word artefacts such as [bookmark: _GoBack],
// quotes and all white space are removed.
func Normalize(s string) string {
	s = width.Fold.String(s)
	s = bookmarkRE.ReplaceAllString(s, "")
	s = punctFolder.Replace(s)
	return spaceRE.ReplaceAllString(s, "")
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
