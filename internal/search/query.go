package search

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits of a query, so that one request cannot ask for unbounded work.
const (
	MaxTerms    = 8
	MaxTermLen  = 64 // characters
	MaxQueryLen = 512
)

// A ParseError says what is wrong with a query or its page: the caller's
// mistake, shown to the caller.
type ParseError struct{ Msg string }

func (e ParseError) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return ParseError{fmt.Sprintf(format, args...)} }

// A Query is a parsed search: folded terms, each of which must occur in an
// item's text (catalog.md §5).
type Query struct {
	Terms []string
}

// Parse folds q (Fold) and splits it on white space into terms; duplicate
// terms count once and a term contained in another is dropped (it adds no
// condition). An empty or over-long query is an error naming the limit.
func Parse(q string) (Query, error) {
	if len(q) > MaxQueryLen {
		return Query{}, errorf("检索词过长（最多 %d 字节）/ query too long (at most %d bytes)", MaxQueryLen, MaxQueryLen)
	}
	if !utf8.ValidString(q) {
		return Query{}, errorf("检索词不是有效的 UTF-8 / query is not valid UTF-8")
	}
	fields := strings.Fields(Fold(q))
	if len(fields) == 0 {
		return Query{}, errorf("请输入检索词 / empty query")
	}
	var terms []string
	for _, f := range fields {
		if utf8.RuneCountInString(f) > MaxTermLen {
			return Query{}, errorf("检索词“%s…”过长（每词最多 %d 字）/ term too long (at most %d characters)",
				string([]rune(f)[:8]), MaxTermLen, MaxTermLen)
		}
		terms = append(terms, f)
	}
	var out []string
outer:
	for i, t := range terms {
		for j, u := range terms {
			if i != j && strings.Contains(u, t) && (u != t || j < i) {
				continue outer
			}
		}
		out = append(out, t)
	}
	if len(out) > MaxTerms {
		return Query{}, errorf("检索词过多（最多 %d 个）/ too many terms (at most %d)", MaxTerms, MaxTerms)
	}
	return Query{Terms: out}, nil
}

// Exact reports whether the postings of the query's keys are its matches
// (every term one or two characters), so no verification is needed.
func (q Query) Exact() bool {
	for _, t := range q.Terms {
		if !Exact(t) {
			return false
		}
	}
	return true
}

// Match reports whether every term occurs in a folded text (FoldedText).
// Terms hold no white space, so none matches across a paragraph break.
func (q Query) Match(folded string) bool {
	for _, t := range q.Terms {
		if !strings.Contains(folded, t) {
			return false
		}
	}
	return len(q.Terms) > 0
}

// singleChars reports whether every term is one character.
func (q Query) singleChars() bool {
	for _, t := range q.Terms {
		if utf8.RuneCountInString(t) != 1 {
			return false
		}
	}
	return true
}
