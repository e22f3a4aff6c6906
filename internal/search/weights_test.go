package search_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/search/searchtest"
)

// TestRankWeights: for every document of a corpus and one- and
// two-character terms drawn from it, ranking from the postings' weights
// gives the hit that ranking from the text gives.
func TestRankWeights(t *testing.T) {
	items := searchtest.Corpus(7, 300)
	r := rand.New(rand.NewPCG(7, 8))
	for n, it := range items {
		folded := search.FoldedText(it.Doc.Paragraphs())
		ps := map[string]int{}
		for _, p := range search.Postings(folded) {
			ps[p.Key] = p.Weight()
		}
		rs := []rune(strings.ReplaceAll(strings.ReplaceAll(folded, "\n", ""), " ", ""))
		for range 5 {
			var terms []string
			for range 1 + r.IntN(3) {
				i := r.IntN(len(rs) - 1)
				terms = append(terms, string(rs[i:i+1+r.IntN(2)]))
			}
			q, err := search.Parse(strings.Join(terms, " "))
			if err != nil || !q.Exact() {
				continue
			}
			want, ok := q.Rank(int64(n), time.Time{}, folded)
			if !ok {
				continue // a bigram drawn across a paragraph break
			}
			var ws []int
			for _, k := range q.Terms { // an exact query's keys are its terms
				ws = append(ws, ps[k])
			}
			if got := q.RankWeights(int64(n), ws); got != want {
				t.Fatalf("%q in item %d: weights give %+v, the text %+v", q.Terms, n, got, want)
			}
		}
	}
	// overlapping occurrences count once, as strings.Count does
	for _, p := range search.Postings("保保保\n\n保保保保") {
		if p.Key == "保保" && (p.Title != 1 || p.Body != 2) {
			t.Errorf("保保 counted %+v", p)
		}
	}
}
