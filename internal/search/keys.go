package search

import (
	"sort"
	"strings"
	"unicode"
)

// Keys returns the distinct index keys of a folded text (paragraphs joined
// by line breaks): every character but spaces (for one-character queries)
// and every pair of adjacent characters within a paragraph with no space in
// it (STACK.md: trigram indexes miss two-character words such as 低保, so
// CJK text is indexed as overlapping bigrams). A term of two or more
// characters contains only such bigrams, so its keys are always present in
// any text that contains it.
func Keys(folded string) []string {
	seen := make(map[string]struct{}, len(folded)/2)
	for _, para := range strings.Split(folded, "\n") {
		rs := []rune(para)
		for i, r := range rs {
			if unicode.IsSpace(r) {
				continue
			}
			seen[string(r)] = struct{}{}
			if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				seen[string(rs[i:i+2])] = struct{}{}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// maxKeysPerTerm bounds the postings a long term intersects; any subset of
// a term's bigrams finds a superset of its matches, and verification by
// substring removes the rest.
const maxKeysPerTerm = 4

// TermKeys returns the keys a term's candidates must all hold: the term
// itself for one character, else up to maxKeysPerTerm of its bigrams spread
// over it (first and last always).
func TermKeys(term string) []string {
	rs := []rune(term)
	if len(rs) == 1 {
		return []string{term}
	}
	n := len(rs) - 1 // bigrams
	var idx []int
	if n <= maxKeysPerTerm {
		for i := range n {
			idx = append(idx, i)
		}
	} else {
		for k := range maxKeysPerTerm {
			idx = append(idx, k*(n-1)/(maxKeysPerTerm-1))
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, i := range idx {
		g := string(rs[i : i+2])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// Exact reports whether the keys of a term decide its matches without
// verification: a term of one or two characters is its own key.
func Exact(term string) bool { return len([]rune(term)) <= 2 }
