package scan

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// A locator names the place of a byte offset in the scanned text (第 3 行,
// 表格 1 第 2 行第 4 列).
type locator func(offset int) string

// folded is a text folded for matching: full-width digits, letters and
// punctuation become ASCII, so that "３３０１０２" matches like "330102". Each
// folded rune keeps the byte offset of its original, so findings point into
// the text as written.
type folded struct {
	r   []rune
	off []int
}

// fold folds s rune by rune.
func fold(s string) folded {
	f := folded{r: make([]rune, 0, len(s)), off: make([]int, 0, len(s))}
	for i, c := range s {
		if c >= utf8.RuneSelf {
			switch c {
			case '\u3000', '\u00a0', '\u2002', '\u2003', '\u2009':
				c = ' '
			case '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad':
				c = '\u200b' // zero-width: kept as a separator
			case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
				c = '-'
			default:
				if p := width.LookupRune(c); p.Kind() == width.EastAsianFullwidth {
					if n := p.Narrow(); n != 0 {
						c = n
					}
				}
			}
		}
		f.r = append(f.r, c)
		f.off = append(f.off, i)
	}
	return f
}

// scanText reports the personal data in s (numbers, e-mail addresses,
// 密级 markings); at names each finding's place. top says whether s is the
// start of a document, where 内部资料-style markings count.
func scanText(s string, at locator, top bool) []Finding {
	if !worthScanning(s, top) {
		return nil
	}
	f := fold(s)
	var out []Finding
	out = append(out, f.numbers(s, at)...)
	out = append(out, f.emails(s, at)...)
	out = append(out, f.markings(at, top)...)
	return out
}

// worthScanning reports whether s can hold a finding at all: a digit
// (ASCII or full-width), an @, or a 密级 sign; at the top of a document,
// any text (bare 密级 and 内部资料 lines).
func worthScanning(s string, top bool) bool {
	if s == "" {
		return false
	}
	if top {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '@':
			return true
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] >= 0x90 && s[i+2] <= 0x99 || s[i+2] == 0xA0):
			return true // ０–９, ＠
		}
	}
	return strings.Contains(s, "★") || strings.Contains(s, "☆") || strings.Contains(s, "级")
}

// original returns the original text of folded runes [i, j).
func (f *folded) original(s string, i, j int) string {
	end := len(s)
	if j < len(f.off) {
		end = f.off[j]
	}
	return s[f.off[i]:end]
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isSep reports whether c may split the digits of one number in practice:
// spaces, hyphens, zero-width characters and line breaks.
func isSep(c rune) bool {
	switch c {
	case ' ', '\t', '-', '\u200b', '\n', '\r':
		return true
	}
	return false
}

// lineAt is a locator over plain text: the 1-based line of an offset.
func lineAt(s string) locator {
	var starts []int
	starts = append(starts, 0)
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(off int) string {
		lo, hi := 0, len(starts)
		for lo+1 < hi {
			mid := (lo + hi) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid
			}
		}
		return "第 " + strconv.Itoa(lo+1) + " 行"
	}
}

// fixed is a locator that names one place for the whole text.
func fixed(where string) locator { return func(int) string { return where } }
