package search

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// postingsRef is the first Postings, with string keys: it returns the keys of a folded text (paragraphs joined by line
// breaks: the title first, then the 文号, then the rest) with their
// counts, in Keys' order.
func postingsRef(folded string) []Posting {
	type acc struct {
		n    [3]int
		last int // rune index after the last counted occurrence, in this paragraph
		para int
	}
	m := make(map[string]*acc, len(folded)/2)
	count := func(k string, field, para, at, end int) {
		a := m[k]
		if a == nil {
			a = &acc{para: -1}
			m[k] = a
		}
		if a.para == para && at < a.last {
			return // overlaps the previous occurrence ("保保保" holds "保保" once, as strings.Count says)
		}
		a.para, a.last = para, end
		a.n[field]++
	}
	for para, line := range strings.Split(folded, "\n") {
		field := min(para, 2)
		rs := []rune(line)
		for i, r := range rs {
			if unicode.IsSpace(r) {
				continue
			}
			count(string(r), field, para, i, i+1)
			if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				count(string(rs[i:i+2]), field, para, i, i+2)
			}
		}
	}
	out := make([]Posting, 0, len(m))
	for k, a := range m {
		out = append(out, Posting{Key: k, Title: min(a.n[0], capTitle), DocNo: min(a.n[1], capTitle), Body: min(a.n[2], capBody)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// TestPostingsEqualsRef: Postings with numbered keys gives what the first
// Postings, with string keys, gave, on random texts of CJK, Latin, digits,
// spaces, repeats and characters outside the BMP.
func TestPostingsEqualsRef(t *testing.T) {
	alphabet := []rune("保低保障的通知拆迁补偿aAb1 　\t〔〕号𠀀𪚥\uFFFD")
	rng := rand.New(rand.NewPCG(7, 9))
	texts := []string{"", "\n\n", "保保保\n\n保保保保", "关于低保的通知\n仑民〔2021〕15号\n为做好低保工作，现将有关事项通知如下。"}
	for range 500 {
		var b strings.Builder
		for range rng.IntN(200) {
			if rng.IntN(15) == 0 {
				b.WriteByte('\n')
				continue
			}
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, f := range texts {
		got, want := Postings(f), postingsRef(f)
		for i := range got {
			if i > 0 && got[i].Code <= got[i-1].Code {
				t.Fatalf("%q: codes do not rise at %d", f, i)
			}
			got[i].Code = 0
		}
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", f, got, want)
		}
	}
}

// TestTermWeightOfKeys: the weight TermWeight finds in a text for a key is
// the weight Postings gives it (a fresh document's postings are cut by
// substring search, a merged one's read from its block), and a key
// Postings does not give is not found.
func TestTermWeightOfKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	alphabet := []rune("保低障的拆迁aA1 　〔〕𠀀")
	for range 300 {
		var b strings.Builder
		for range rng.IntN(120) {
			if rng.IntN(12) == 0 {
				b.WriteByte('\n')
				continue
			}
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		f := b.String()
		got := map[string]bool{}
		for _, p := range Postings(f) {
			got[p.Key] = true
			if w, ok := TermWeight(f, p.Key); !ok || w != p.Weight() {
				t.Fatalf("%q, key %q: TermWeight %d %v; Postings %d", f, p.Key, w, ok, p.Weight())
			}
		}
		for _, r := range alphabet {
			if k := string(r); !unicode.IsSpace(r) && !got[k] {
				if _, ok := TermWeight(f, k); ok {
					t.Fatalf("%q: TermWeight finds %q, Postings does not", f, k)
				}
			}
		}
	}
}
