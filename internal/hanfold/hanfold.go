// Package hanfold owns the one 繁體 → 简体 character table of the project:
// OpenCC's TSCharacters (github.com/BYVoid/OpenCC, Apache License 2.0, as
// shipped in github.com/longbridgeapp/opencc v0.3.13), embedded from
// t2s.txt, whose header carries the provenance and licence. The fold is one
// rune to one rune, so it keeps every position: the report reader folds
// labels with it before matching them and search folds text and queries
// with it, neither needs OpenCC's phrase conversion.
//
// Where a traditional character has several simplified forms the table's
// first one is used; a character listed as its own first form (彷, 瞭, 覆…)
// is left as it is.
package hanfold

import (
	_ "embed"
	"iter"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed t2s.txt
var tableText string

var (
	once  sync.Once
	table map[rune]rune
)

// Table returns the fold as a map from a traditional character to its
// simplified form (4,105 entries), built on first use and shared: callers
// read it and must not modify it. Callers in a hot loop look runes up in it
// directly; Rune and String are the same lookup.
func Table() map[rune]rune {
	once.Do(func() { table = parse(tableText) })
	return table
}

// All yields every pair of the table, a traditional character and its
// simplified form, in the order of t2s.txt (by code point of the
// traditional character). Tests use it to write text in 繁體.
func All() iter.Seq2[rune, rune] {
	return pairs(tableText)
}

func parse(text string) map[rune]rune {
	m := make(map[rune]rune, 4200)
	for f, t := range pairs(text) {
		m[f] = t
	}
	return m
}

// pairs reads t2s.txt: '#' lines are comments, every other line is one
// traditional character, a tab, and its simplified forms separated by
// spaces. Lines that are not one character to one character, and
// characters whose first form is themselves, are skipped.
func pairs(text string) iter.Seq2[rune, rune] {
	return func(yield func(rune, rune) bool) {
		for line := range strings.SplitSeq(text, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			from, to, ok := strings.Cut(line, "\t")
			if !ok || utf8.RuneCountInString(from) != 1 {
				continue
			}
			to, _, _ = strings.Cut(to, " ")
			if utf8.RuneCountInString(to) != 1 {
				continue
			}
			f, _ := utf8.DecodeRuneInString(from)
			t, _ := utf8.DecodeRuneInString(to)
			if f != t && !yield(f, t) {
				return
			}
		}
	}
}

// Rune returns the simplified form of r and true, or r and false when r is
// not a traditional character in the table.
func Rune(r rune) (rune, bool) {
	if t, ok := Table()[r]; ok {
		return t, true
	}
	return r, false
}

// String returns s with every traditional character in the table replaced
// by its simplified form; the result has as many runes as s, and s itself
// is returned when nothing changes.
func String(s string) string {
	m := Table()
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := m[r]; ok {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if v, ok := m[r]; ok {
			r = v
		}
		b.WriteRune(r)
	}
	return b.String()
}
