package scan

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// emailRE matches an e-mail address in folded text.
var emailRE = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}`)

// publicDomain reports whether an e-mail domain is an office's, published
// on purpose like a hotline (政府信息公开指南 lists the office's mailbox):
// government domains (gov.cn and below).
func publicDomain(domain string) bool {
	d := strings.ToLower(domain)
	return d == "gov.cn" || strings.HasSuffix(d, ".gov.cn")
}

// emails finds e-mail addresses outside government domains. It expands
// each @ to the longest address around it and checks that with emailRE,
// so the regular expression never runs over the whole text.
func (f *folded) emails(s string, at locator) []Finding {
	var out []Finding
	r := f.r
	next := 0 // runes before next belong to an address already reported
	for i, c := range r {
		if c != '@' || i < next {
			continue
		}
		lo := i
		for lo > 0 && i-lo < 64 && localChar(r[lo-1]) {
			lo--
		}
		hi := i + 1
		for hi < len(r) && hi-i < 253 && domainChar(r[hi]) {
			hi++
		}
		cand := string(r[lo:hi])
		m := emailRE.FindStringIndex(cand)
		if m == nil {
			continue
		}
		addr := cand[m[0]:m[1]]
		start := lo + utf8.RuneCountInString(cand[:m[0]])
		next = start + utf8.RuneCountInString(addr)
		if publicDomain(addr[strings.LastIndexByte(addr, '@')+1:]) {
			continue
		}
		out = append(out, Finding{Kind: Email, Where: at(f.off[start]), Masked: Mask(addr)})
	}
	return out
}

func localChar(c rune) bool {
	return isDigit(c) || isASCIILetter(c) || strings.ContainsRune("._%+-", c)
}

func domainChar(c rune) bool { return isDigit(c) || isASCIILetter(c) || c == '.' || c == '-' }

// runeCounter converts increasing byte offsets of text into rune
// indexes, counting each stretch once.
func runeCounter(text string) func(byteOff int) int {
	lastByte, lastRune := 0, 0
	return func(b int) int {
		if b < lastByte {
			lastByte, lastRune = 0, 0
		}
		lastRune += utf8.RuneCountInString(text[lastByte:b])
		lastByte = b
		return lastRune
	}
}

func containsRune(r []rune, c rune) bool {
	for _, x := range r {
		if x == c {
			return true
		}
	}
	return false
}

// 密级 markings (《中华人民共和国保守国家秘密法》第二十条, GB/T 9704 公文格式
// 7.2.2: 密级和保密期限 such as "机密★1年" at the top left of the first page).
var (
	// starRE is a 密级 with its star and optional 期限: 机密★, 秘密★5年, 绝密 ★ 长期.
	starRE = regexp.MustCompile(`(绝密|机密|秘密)\s*[★☆]\s*(?:[0-9一二三四五六七八九十]+\s*年|长期)?`)
	// labelRE is a 密级 written as a field: 密级：机密.
	labelRE = regexp.MustCompile(`密\s*级\s*[:：]\s*(绝密|机密|秘密|内部)`)
	// bareRE is a line holding only a 密级 (the marking without its star).
	bareRE = regexp.MustCompile(`^[\s【\[（(]*(绝密|机密|秘密)[\s】\]）)]*$`)
	// internalRE is an 内部资料-style marking.
	internalRE = regexp.MustCompile(`内部资料|内部文件|内部材料|内部刊物|内部使用|内部传阅|不得公开|严禁外传|注意保存|注意保密|不宜公开`)
)

// topLines is how many non-empty lines count as the top of a document,
// where bare 密级 and 内部资料 markings stand.
const topLines = 10

// markings finds 密级 markings anywhere (with their star or as a field),
// and, near the top of a document, bare 密级 lines and short 内部资料-style
// lines. Sentences that mention 国家秘密 or 不得公开 in passing are not
// markings.
func (f *folded) markings(at locator, top bool) []Finding {
	stars, level := false, false
	for _, c := range f.r {
		stars = stars || c == '★' || c == '☆'
		level = level || c == '级'
	}
	if !stars && !level && !top {
		return nil
	}
	text := string(f.r)
	var out []Finding
	add := func(byteOff int, what string) {
		i := utf8.RuneCountInString(text[:byteOff]) // markings are few
		out = append(out, Finding{Kind: Classified, Where: at(f.off[i]), Masked: what, Note: "密级或内部标志"})
	}
	if stars {
		for _, m := range starRE.FindAllStringIndex(text, -1) {
			add(m[0], strings.TrimSpace(text[m[0]:m[1]]))
		}
	}
	if level {
		for _, m := range labelRE.FindAllStringIndex(text, -1) {
			add(m[0], text[m[0]:m[1]])
		}
	}
	if !top {
		return out
	}
	lines := 0
	for start := 0; start < len(text) && lines < topLines; {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		line := text[start:end]
		lineStart := start
		start = end
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		lines++
		if starRE.MatchString(t) || labelRE.MatchString(t) {
			continue // already reported
		}
		if bareRE.MatchString(t) {
			add(lineStart+strings.Index(line, strings.TrimLeft(t, " 【[（(")), strings.Trim(t, " 【】[]（）()"))
			continue
		}
		if m := internalRE.FindStringIndex(t); m != nil && utf8.RuneCountInString(t) <= 20 {
			add(lineStart+strings.Index(line, t)+m[0], t[m[0]:m[1]])
		}
	}
	return out
}
