package scan

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// docx scans a Word document: the body (tables included), headers,
// footers, footnotes and endnotes for personal data; hidden text, tracked
// deletions and insertions, comments and document properties naming a
// person as hidden content (spec/catalog.md §4).
func docx(a *ooxml.Archive) ([]Finding, error) {
	main, err := ooxml.MainPart(a, "word/document.xml")
	if err != nil {
		return nil, err
	}
	if !a.Has(main) {
		return nil, fmt.Errorf("不是 Word 文档：缺少 %s (not a DOCX: %s missing)", main, main)
	}
	var out []Finding
	fs, err := wordPart(a, main, "", true)
	if err != nil {
		return nil, err
	}
	out = append(out, fs...)
	var others []string
	for _, n := range a.Names() {
		l := strings.ToLower(n)
		if strings.HasPrefix(l, "word/") && strings.HasSuffix(l, ".xml") && !strings.Contains(l, "/_rels/") {
			base := l[len("word/"):]
			for _, p := range []string{"header", "footer", "footnotes", "endnotes", "comments"} {
				if strings.HasPrefix(base, p) {
					others = append(others, n)
				}
			}
		}
	}
	sort.Strings(others)
	for _, n := range others {
		base := strings.ToLower(n[len("word/"):])
		label := n + " "
		switch {
		case strings.HasPrefix(base, "header"):
			label = "页眉 " + n + " "
		case strings.HasPrefix(base, "footer"):
			label = "页脚 " + n + " "
		case strings.HasPrefix(base, "footnotes"), strings.HasPrefix(base, "endnotes"):
			label = "脚注 " + n + " "
		}
		fs, err := wordPart(a, n, label, strings.HasPrefix(base, "header"))
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	ps, err := properties(a)
	if err != nil {
		return nil, err
	}
	return append(out, ps...), nil
}

// A wordWalker follows one WordprocessingML part token by token.
type wordWalker struct {
	part, label string
	top         bool
	comments    bool // the part is word/comments*.xml
	out         []Finding

	para                        int    // paragraphs seen (1-based once inside one)
	tables                      int    // tables seen
	tbl                         []cell // open tables: current row and cell
	visible, hidden, del, ins   strings.Builder
	inDel, inIns, inRPr, vanish int
	comment                     string // author of the open comment
}

type cell struct{ table, row, col int }

// where names the paragraph being read.
func (w *wordWalker) where() string {
	if w.comments {
		return w.label + "批注"
	}
	if n := len(w.tbl); n > 0 {
		c := w.tbl[n-1]
		return fmt.Sprintf("%s表格 %d 第 %d 行第 %d 列", w.label, c.table, c.row, c.col)
	}
	return fmt.Sprintf("%s第 %d 段", w.label, w.para)
}

// endPara scans the paragraph just read.
func (w *wordWalker) endPara() {
	var place string
	at := func(int) string { // computed only when something is found
		if place == "" {
			place = w.where()
		}
		return place
	}
	top := w.top && w.para <= topLines && len(w.tbl) == 0
	vis := w.visible.String()
	if w.comments {
		if t := strings.TrimSpace(vis); t != "" {
			note := "批注"
			if w.comment != "" {
				note = "批注（作者 " + Mask(w.comment) + "）"
			}
			w.out = append(w.out, Finding{Kind: Hidden, Where: at(0), Masked: excerpt(t), Note: note})
		}
	}
	w.out = append(w.out, scanText(vis, at, top)...)
	for _, h := range []struct {
		b    *strings.Builder
		note string
	}{{&w.hidden, "隐藏文字"}, {&w.del, "修订记录：已删除的文字"}, {&w.ins, "修订记录：未接受的插入"}} {
		t := strings.TrimSpace(h.b.String())
		if t == "" {
			continue
		}
		w.out = append(w.out, Finding{Kind: Hidden, Where: at(0), Masked: excerpt(t), Note: h.note})
		if h.b != &w.ins { // inserted text is part of vis already
			for _, f := range scanText(t, at, false) {
				f.Note = strings.TrimSpace(f.Note + " " + h.note + "中")
				w.out = append(w.out, f)
			}
		}
	}
	w.visible.Reset()
	w.hidden.Reset()
	w.del.Reset()
	w.ins.Reset()
}

// text adds run text to the builders its state says.
func (w *wordWalker) text(s string) {
	switch {
	case w.inDel > 0:
		w.del.WriteString(s)
	case w.vanish > 0:
		w.hidden.WriteString(s)
	default:
		w.visible.WriteString(s)
		if w.inIns > 0 {
			w.ins.WriteString(s)
		}
	}
}

// wordPart scans one part of a Word document.
func wordPart(a *ooxml.Archive, name, label string, top bool) ([]Finding, error) {
	rc, err := a.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	w := &wordWalker{part: name, label: label, top: top, comments: strings.HasPrefix(strings.ToLower(name), "word/comments")}
	var textDepth int // inside w:t / w:delText
	err = walkXML(rc, name, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				w.para++
			case "tbl":
				w.tables++
				w.tbl = append(w.tbl, cell{table: w.tables})
			case "tr":
				if n := len(w.tbl); n > 0 {
					w.tbl[n-1].row++
					w.tbl[n-1].col = 0
				}
			case "tc":
				if n := len(w.tbl); n > 0 {
					w.tbl[n-1].col++
				}
			case "r":
				w.vanish = 0
			case "rPr":
				w.inRPr++
			case "vanish", "specVanish":
				if w.inRPr > 0 && on(t) {
					w.vanish = 1
				}
			case "del", "moveFrom":
				w.inDel++
			case "ins", "moveTo":
				w.inIns++
			case "t", "delText":
				textDepth++
			case "tab":
				if w.inRPr == 0 {
					w.text("\t")
				}
			case "br", "cr":
				w.text("\n")
			case "comment":
				w.comment = attr(t, "author")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				w.endPara()
			case "tbl":
				if n := len(w.tbl); n > 0 {
					w.tbl = w.tbl[:n-1]
				}
			case "rPr":
				w.inRPr--
			case "r":
				w.vanish = 0
			case "del", "moveFrom":
				w.inDel--
			case "ins", "moveTo":
				w.inIns--
			case "t", "delText":
				textDepth--
			}
		case xml.CharData:
			if textDepth > 0 {
				w.text(string(t))
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return w.out, nil
}

// on reports whether a toggle property (w:vanish) is set: present without
// w:val, or with a true value.
func on(t xml.StartElement) bool {
	v := attr(t, "val")
	switch v {
	case "", "1", "true", "on":
		return true
	}
	b, err := strconv.ParseBool(v)
	return err == nil && b
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
