package request

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/gongkai/gongkai/internal/calendar"
)

// DefaultRepeatThreshold is the similarity from which a request is
// pointed out as a likely repeat of an answered one.
const DefaultRepeatThreshold = 0.6

// A Prior is an earlier request of an applicant, for repeat detection.
type Prior struct {
	ID           string
	ApplicantKey string // Applicant.Key()
	Content      string
	Outcome      Outcome
	Ended        calendar.Date // zero while unanswered
	// State is where the earlier request stands; "" when unknown (then
	// the outcome alone tells whether it was answered).
	State State
}

// Answered reports whether p was actually answered: it ended with a reply
// (a 答复 under 条例第三十六条 or another reply outcome), not by the
// applicant's giving up (逾期不补正, 逾期未缴费) or withdrawing. Only an
// answered request makes a later one a 重复申请 (第三十六条第（六）项:
// "行政机关已就申请人提出的政府信息公开申请作出答复").
func (p Prior) Answered() bool {
	if p.Ended.IsZero() {
		return false
	}
	switch p.State {
	case Withdrawn, EndedNoCorrection, EndedFeeUnpaid:
		return false
	}
	info, ok := p.Outcome.Info()
	return ok && info.Reply
}

// A RepeatMatch is an answered request that the new one resembles.
type RepeatMatch struct {
	Prior  Prior
	Score  float64  // bigram Jaccard similarity, 0–1
	Shared []string // a few of the longest shared passages, for the clerk
	Zh     string
}

// boilerplate is text that most applications share and that says nothing
// about what is asked; it is removed before comparing.
var boilerplate = []string{
	"申请公开", "依申请公开", "政府信息公开申请", "政府信息公开", "政府信息", "信息公开",
	"根据中华人民共和国政府信息公开条例", "中华人民共和国", "条例", "请求", "申请", "本人",
	"贵单位", "贵机关", "贵局", "请", "提供", "有关", "相关", "的", "关于",
}

// Normalise prepares text for comparison: NFKC (full-width to half-width),
// lower case, only letters and digits kept, boilerplate removed.
func Normalise(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	s = b.String()
	for _, w := range boilerplate {
		s = strings.ReplaceAll(s, w, "")
	}
	return s
}

// bigrams returns the set of adjacent rune pairs of s (a one-rune text is
// its own "bigram").
func bigrams(s string) map[string]struct{} {
	rs := []rune(s)
	m := make(map[string]struct{}, len(rs))
	if len(rs) == 1 {
		m[s] = struct{}{}
	}
	for i := 0; i+1 < len(rs); i++ {
		m[string(rs[i:i+2])] = struct{}{}
	}
	return m
}

// Similarity returns the Jaccard similarity of the bigram sets of the
// normalised texts: shared bigrams over all bigrams. Simple and
// explainable: 1 for the same request, 0 for nothing in common.
func Similarity(a, b string) float64 {
	return jaccard(bigrams(Normalise(a)), bigrams(Normalise(b)))
}

func jaccard(x, y map[string]struct{}) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	shared := 0
	for k := range x {
		if _, ok := y[k]; ok {
			shared++
		}
	}
	return float64(shared) / float64(len(x)+len(y)-shared)
}

// LikelyRepeats compares content with the applicant's earlier answered
// requests (priors with the same ApplicantKey that Answered) and
// returns those at or above threshold, most similar first. The clerk
// decides; 重复申请 (第三十六条第（六）项) is never set automatically.
func LikelyRepeats(applicantKey, content string, priors []Prior, threshold float64) []RepeatMatch {
	if threshold <= 0 {
		threshold = DefaultRepeatThreshold
	}
	nc := Normalise(content)
	bc := bigrams(nc)
	var out []RepeatMatch
	for _, p := range priors {
		if p.ApplicantKey != applicantKey || !p.Answered() {
			continue
		}
		np := Normalise(p.Content)
		score := jaccard(bc, bigrams(np))
		if score < threshold {
			continue
		}
		m := RepeatMatch{Prior: p, Score: score, Shared: sharedPassages(nc, np, 3)}
		m.Zh = fmt.Sprintf("与 %s 已答复的申请 %s 相似度 %.0f%%（共同内容：%s），可能属于重复申请，请核对（条例第三十六条第（六）项）。",
			p.Ended, p.ID, score*100, strings.Join(m.Shared, "；"))
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// maxPassageScan bounds the runes of a that sharedPassages searches.
const maxPassageScan = 300

// sharedPassages returns up to n longest common runs (≥ 2 runes) of a
// and b, greedy and non-overlapping in a, to show why texts match.
func sharedPassages(a, b string, n int) []string {
	ra := []rune(a)
	if len(ra) > maxPassageScan {
		ra = ra[:maxPassageScan] // the search is cubic; the start shows enough
	}
	var out []string
	used := make([]bool, len(ra))
	for len(out) < n {
		bestI, bestL := -1, 1
		for i := range ra {
			if used[i] {
				continue
			}
			for l := bestL + 1; i+l <= len(ra); l++ {
				if used[i+l-1] || !strings.Contains(b, string(ra[i:i+l])) {
					break
				}
				bestI, bestL = i, l
			}
		}
		if bestI < 0 {
			break
		}
		for k := bestI; k < bestI+bestL; k++ {
			used[k] = true
		}
		out = append(out, string(ra[bestI:bestI+bestL]))
	}
	return out
}
