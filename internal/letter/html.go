package letter

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"
)

// htmlCSS prints the letter on A4 with the margins of GB/T 9704 and shows
// it on screen as a sheet. Fonts fall back from the official ones to what
// a Linux desktop has.
const htmlCSS = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #eee; color: #000; font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt; line-height: 28pt; }
.letter { width: 210mm; min-height: 297mm; margin: 1em auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 0 4px #999; }
.head { text-align: center; border-bottom: 2px solid #c00000; margin-bottom: 24pt; }
.agency { margin: 0 0 12pt; color: #c00000; font-family: "宋体", SimSun, "Noto Serif CJK SC", serif; font-weight: bold; font-size: 26pt; line-height: 1.2; letter-spacing: 1pt; }
.docno { margin: 0 0 6pt; }
h1 { margin: 24pt 0 18pt; text-align: center; font-family: "宋体", SimSun, "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.3; }
p { margin: 0; text-align: justify; text-indent: 2em; }
p.to, p.contact { text-indent: 0; }
.head p { text-indent: 0; text-align: center; }
p.note { text-indent: 0; margin-left: 2em; font-size: 12pt; line-height: 20pt; }
table.data { width: 100%; border-collapse: collapse; margin: 6pt 0 12pt; font-family: "宋体", SimSun, "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.4; }
table.data th, table.data td { border: 1px solid #000; padding: 3pt 4pt; text-align: center; }
.sign { margin: 24pt 2em 0 auto; width: 14em; text-align: center; break-inside: avoid; break-before: avoid; }
.seal { width: 4cm; height: 2.4cm; margin: 0 auto 6pt; border: 1px dashed #808080; color: #808080; font-size: 12pt; display: flex; align-items: center; justify-content: center; }
.sign p { text-indent: 0; text-align: center; }
.contact-block { margin-top: 24pt; font-size: 12pt; line-height: 20pt; }
@media print { body { background: none; } .letter { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
`

// draftCSS shows a draft's 草稿 mark diagonally across the middle of the
// screen and of every printed page (a fixed box repeats on each page).
const draftCSS = `.draft-mark { position: fixed; top: 50%; left: 50%; z-index: 1; margin: 0; transform: translate(-50%, -50%) rotate(-45deg); color: rgba(128, 128, 128, 0.3); font-family: "宋体", SimSun, "Noto Serif CJK SC", serif; font-size: 120pt; line-height: 1; text-indent: 0; white-space: nowrap; pointer-events: none; }
`

// HTML writes l as a printable page (lang zh-CN). The markup is
// XHTML-compatible, so XML tools can read it.
func HTML(w io.Writer, l *Letter) error {
	b := bufio.NewWriter(w)
	e := esc
	css, title := htmlCSS, l.Title
	if l.Draft {
		css, title = css+draftCSS, title+"（"+DraftMark+"）"
	}
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", e(title), css)
	if l.Draft {
		fmt.Fprintf(b, "<p class=\"draft-mark\" id=\"draft-mark\">%s</p>\n", DraftMark)
	}
	fmt.Fprintf(b, "<article class=\"letter\" data-kind=\"%s\"", e(string(l.Kind)))
	if l.Draft {
		b.WriteString(" data-draft=\"true\"")
	}
	if l.Outcome != "" {
		fmt.Fprintf(b, " data-outcome=\"%s\"", e(string(l.Outcome)))
	}
	b.WriteString(">\n<header class=\"head\">\n")
	fmt.Fprintf(b, "<p class=\"agency\">%s</p>\n", e(l.Head.Agency))
	if l.Number != "" {
		fmt.Fprintf(b, "<p class=\"docno\">%s</p>\n", e(l.Number))
	}
	b.WriteString("</header>\n")
	fmt.Fprintf(b, "<h1>%s</h1>\n<p class=\"to\">%s：</p>\n", e(l.Title), e(l.To))
	for _, blk := range l.Body {
		switch blk.Kind {
		case Item:
			fmt.Fprintf(b, "<p class=\"item\">%s</p>\n", e(blk.Text))
		case Note:
			fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", e(blk.Text))
		case Table:
			b.WriteString("<table class=\"data\">\n")
			for i, r := range blk.Rows {
				cell := "td"
				if i == 0 {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range r {
					fmt.Fprintf(b, "<%s>%s</%s>", cell, e(c), cell)
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		default:
			fmt.Fprintf(b, "<p>%s</p>\n", e(blk.Text))
		}
	}
	fmt.Fprintf(b, "<div class=\"sign\">\n<div class=\"seal\">%s</div>\n<p>%s</p>\n<p><time datetime=\"%s\">%s</time></p>\n</div>\n",
		e(Seal), e(l.Head.Agency), l.Date.String(), e(l.Date.Chinese()))
	if lines := l.Head.contactLines(); len(lines) > 0 {
		b.WriteString("<footer class=\"contact-block\">\n")
		for _, c := range lines {
			fmt.Fprintf(b, "<p class=\"contact\">%s</p>\n", e(c))
		}
		b.WriteString("</footer>\n")
	}
	b.WriteString("</article>\n</body>\n</html>\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("letter: html: %w", err)
	}
	return nil
}

// esc escapes text for HTML; characters XML cannot hold (control
// characters, lone surrogates) become U+FFFD, as in the DOCX.
func esc(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return '\uFFFD'
	}, s))
}
