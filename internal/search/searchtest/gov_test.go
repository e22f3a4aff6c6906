package searchtest

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/search"
)

// TestGovDeterministic: the same seed gives the same items, whole or one
// at a time; another seed gives others.
func TestGovDeterministic(t *testing.T) {
	a, b := Gov(1, 50), Gov(1, 50)
	for i := range a {
		if a[i].Doc.Title != b[i].Doc.Title || a[i].Doc.DocNo != b[i].Doc.DocNo || a[i].Doc.Body != b[i].Doc.Body || a[i].Year != b[i].Year {
			t.Fatalf("item %d differs between two runs", i)
		}
		if it := GovItem(1, i); it.Doc.Title != a[i].Doc.Title || it.Doc.Body != a[i].Doc.Body {
			t.Fatalf("GovItem(1, %d) is not Gov(1, …)[%d]", i, i)
		}
	}
	if c := Gov(2, 50); c[0].Doc.Body == a[0].Doc.Body && c[1].Doc.Body == a[1].Doc.Body {
		t.Error("seeds 1 and 2 give the same items")
	}
}

// TestGovShape: titles of 10–40 characters, bodies of 300–3,000 (the
// closing agency and date may pass it by a few), 文号 in about two items
// of three, and the vocabulary's frequencies spread as Zipf's law
// spreads them: a common word in many items, a subject in few, a rare
// word in fewer, a miss in none.
func TestGovShape(t *testing.T) {
	items := Gov(3, 3000)
	docNos := 0
	for i, it := range items {
		if n := utf8.RuneCountInString(it.Doc.Title); n < 10 || n > 40 {
			t.Errorf("item %d: title %q has %d characters", i, it.Doc.Title, n)
		}
		n := 0
		for _, p := range search.HTMLParagraphs(it.Doc.Body) {
			n += utf8.RuneCountInString(p)
		}
		if n < 300 || n > 3150 {
			t.Errorf("item %d: body of %d characters", i, n)
		}
		if it.Doc.DocNo != "" {
			docNos++
		}
	}
	if docNos < 1800 || docNos > 2200 {
		t.Errorf("%d of 3,000 items have a 文号", docNos)
	}
	df := DocFreqs(items, []string{"公开", "低保", "古树名木", "不存在的词"})
	if !(df[0] > 3*df[1] && df[1] > df[2] && df[3] == 0 && df[1] > 0) {
		t.Errorf("document frequencies of 公开, 低保, 古树名木, a miss: %v", df)
	}
}

// TestGovDocFreq logs the document frequency of the benchmark queries
// in a corpus of GONGKAI_CORPUS_ITEMS items (20,000 by default), for the
// README's figures:
//
//	GONGKAI_CORPUS_ITEMS=1000000 go test ./internal/search/searchtest -run GovDocFreq -v
func TestGovDocFreq(t *testing.T) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("GONGKAI_CORPUS_ITEMS")); err == nil && v > 0 {
		n = v
	}
	var qs []string
	for _, q := range GovQueries() {
		qs = append(qs, q.Q)
	}
	df := make([]int, len(qs))
	const slice = 50000
	var chars int
	for start := 0; start < n; start += slice {
		items := make([]Item, min(slice, n-start))
		for i := range items {
			items[i] = GovItem(1, start+i)
			chars += utf8.RuneCountInString(items[i].Doc.Title + items[i].Doc.Body)
		}
		for i, d := range DocFreqs(items, qs) {
			df[i] += d
		}
	}
	t.Logf("%d items of Gov(1, …), %.0f characters an item (with markup)", n, float64(chars)/float64(n))
	for i, q := range GovQueries() {
		t.Logf("%-13s %-16s %8d items  %6.2f%%", q.Name, q.Q, df[i], 100*float64(df[i])/float64(n))
	}
}

// TestGovVocabulary: no entry of the lists is empty or holds a line
// break or a space (a term never spans paragraphs), and the embedded
// sentences are there.
func TestGovVocabulary(t *testing.T) {
	if len(phrases) < 100 {
		t.Fatalf("%d embedded sentences", len(phrases))
	}
	for _, list := range [][]string{topics, towns, titleKinds, titleVerbs, measures, facilities, industries, statements, phrases, laws} {
		for _, w := range list {
			if w == "" || strings.ContainsAny(w, "\n \t") {
				t.Errorf("bad entry %q", w)
			}
		}
	}
}
