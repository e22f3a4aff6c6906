// Package search owns the semantics of the platform search that 条例第二十四条
// requires (catalog.md §5): how text and queries are folded, which n-gram keys
// index an item, how a query is parsed, verified, ranked and shown as a
// snippet. It knows no database; the store keeps the keys and the folded text.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/gongkai/gongkai/internal/hanfold"
)

// t2s maps a traditional character to its simplified form, one rune to one
// rune (OpenCC's character table, owned by hanfold and shared with the
// report reader; phrases are not needed to fold for search). It is a
// variable so a benchmark can measure folding without it, and a function
// so the table is built on the first search, not when any gongkai command
// starts.
var t2s = hanfold.Table

// Fold returns s as search compares it (catalog.md §5): NFKC-normalised
// (full-width letters, digits and spaces become ASCII, ㈠ becomes (一)),
// lower-cased, and 繁體 characters mapped to 简体 so either finds the other.
func Fold(s string) string {
	f, _ := FoldMap(s)
	return f
}

// FoldMap folds s like Fold and also returns, for every byte offset of the
// folded string that starts a normalisation segment, the byte offset in s
// where that segment starts; offsets has len(folded)+1 entries, and an
// offset inside a segment maps to the segment's start. Snippets use it to
// mark in the original text a hit found in the folded one.
func FoldMap(s string) (folded string, offsets []int) {
	var b strings.Builder
	b.Grow(len(s))
	offsets = make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		// Text already in NFKC (nearly all Chinese text) is folded rune by
		// rune; only the segments that normalisation changes go through it.
		q := i + norm.NFKC.QuickSpanString(s[i:])
		for i < q {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				r = foldRune(r)
				b.WriteByte(byte(r))
				offsets = append(offsets, i)
				i += n
				continue
			}
			seg := s[i : i+n]
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				seg = strings.Map(foldRune, strings.ToLower(seg))
			} else if t, ok := t2s()[r]; ok {
				seg = string(t)
			} else if r == '\u2028' || r == '\u2029' {
				seg = " "
			}
			for range len(seg) {
				offsets = append(offsets, i)
			}
			b.WriteString(seg)
			i += n
		}
		if i >= len(s) {
			break
		}
		n := norm.NFKC.NextBoundaryInString(s[i:], true)
		if n <= 0 {
			n = len(s) - i
		}
		seg := norm.NFKC.String(s[i : i+n])
		seg = strings.Map(foldRune, strings.ToLower(seg))
		for range len(seg) {
			offsets = append(offsets, i)
		}
		b.WriteString(seg)
		i += n
	}
	offsets = append(offsets, len(s))
	return b.String(), offsets
}

func foldRune(r rune) rune {
	if t, ok := t2s()[r]; ok {
		return t
	}
	if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
		return ' ' // a paragraph break is kept by the caller, never inside a paragraph
	}
	return r
}
