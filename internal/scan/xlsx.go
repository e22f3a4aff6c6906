package scan

import (
	"encoding/xml"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// maxHiddenListed bounds the hidden rows or columns listed one by one per
// sheet; more are summed up in one finding.
const maxHiddenListed = 20

// A sheetRef is one worksheet of a workbook.
type sheetRef struct {
	name, part, state string
}

// xlsx scans a workbook: every cell's text for personal data (an ID
// number stored as a number too), and as hidden content the hidden and
// very hidden sheets, hidden rows and columns that hold data, comments,
// pivot caches and document properties naming a person.
func xlsx(a *ooxml.Archive) ([]Finding, error) {
	book, err := ooxml.MainPart(a, "xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	if !a.Has(book) {
		return nil, fmt.Errorf("不是 Excel 工作簿：缺少 %s (not an XLSX: %s missing)", book, book)
	}
	sheets, err := workbookSheets(a, book)
	if err != nil {
		return nil, err
	}
	shared, err := sharedStrings(a, book)
	if err != nil {
		return nil, err
	}
	var out []Finding
	commented := map[string]bool{}
	for _, sh := range sheets {
		fs, hasData, err := sheetPart(a, sh, shared)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
		if sh.state == "hidden" || sh.state == "veryHidden" {
			if hasData {
				note := "隐藏工作表"
				if sh.state == "veryHidden" {
					note = "深度隐藏工作表（veryHidden，界面中无法取消隐藏）"
				}
				out = append(out, Finding{Kind: Hidden, Where: sh.name, Masked: Mask(sh.name), Note: note})
			}
		}
		rels, err := ooxml.Rels(a, sh.part)
		if err != nil {
			return nil, err
		}
		var targets []string
		for _, t := range rels {
			targets = append(targets, t)
		}
		sort.Strings(targets)
		for _, t := range targets {
			l := strings.ToLower(t)
			if strings.Contains(l, "comments") && a.Has(t) && !commented[l] {
				commented[l] = true
				fs, err := xlsxComments(a, t, sh.name)
				if err != nil {
					return nil, err
				}
				out = append(out, fs...)
			}
		}
	}
	for _, n := range a.Names() {
		l := strings.ToLower(n)
		switch {
		case strings.HasPrefix(l, "xl/pivotcache/pivotcacherecords") && strings.HasSuffix(l, ".xml"):
			out = append(out, Finding{Kind: Hidden, Where: n, Masked: "", Note: "数据透视表缓存：保存了源数据的副本"})
		case strings.HasSuffix(l, ".xml") && strings.Contains(l, "comments") && !commented[l] && !strings.Contains(l, "/_rels/"):
			commented[l] = true
			fs, err := xlsxComments(a, n, n)
			if err != nil {
				return nil, err
			}
			out = append(out, fs...)
		}
	}
	ps, err := properties(a)
	if err != nil {
		return nil, err
	}
	return append(out, ps...), nil
}

// workbookSheets lists the sheets with their parts and visibility.
func workbookSheets(a *ooxml.Archive, book string) ([]sheetRef, error) {
	data, err := a.ReadFile(book)
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(data, &wb); err != nil {
		return nil, fmt.Errorf("%s: %w", book, err)
	}
	rels, err := ooxml.Rels(a, book)
	if err != nil {
		return nil, err
	}
	var out []sheetRef
	for _, s := range wb.Sheets {
		part := rels[s.RID]
		if part == "" || !a.Has(part) {
			continue // a chart sheet or a dangling relationship
		}
		out = append(out, sheetRef{name: s.Name, part: part, state: s.State})
	}
	return out, nil
}

// sharedStrings reads the workbook's shared string table.
func sharedStrings(a *ooxml.Archive, book string) ([]string, error) {
	rels, err := ooxml.Rels(a, book)
	if err != nil {
		return nil, err
	}
	part := ""
	for _, t := range rels {
		if strings.HasSuffix(strings.ToLower(t), "sharedstrings.xml") {
			part = t
		}
	}
	if part == "" || !a.Has(part) {
		return nil, nil
	}
	rc, err := a.Open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []string
	var cur strings.Builder
	inT, inRPh := false, 0
	err = walkXML(rc, part, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh": // phonetic guide text is not shown
				inRPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, cur.String())
			case "t":
				inT = false
			case "rPh":
				inRPh--
			}
		case xml.CharData:
			if inT && inRPh == 0 {
				cur.Write(t)
			}
		}
	})
	return out, err
}

// A sheetWalker follows one worksheet part.
type sheetWalker struct {
	sh         sheetRef
	shared     []string
	out        []Finding
	hiddenCols map[int]bool
	hasData    bool
	// the open row and cell
	row                   int
	rowHidden, rowHasData bool
	ref, typ              string
	val                   strings.Builder
	inV, inIS             bool
	hiddenRows            []int
	hiddenColData         map[int]bool
}

// sheetPart scans one worksheet; hasData says whether any cell holds a
// value.
func sheetPart(a *ooxml.Archive, sh sheetRef, shared []string) ([]Finding, bool, error) {
	rc, err := a.Open(sh.part)
	if err != nil {
		return nil, false, err
	}
	defer rc.Close()
	w := &sheetWalker{sh: sh, shared: shared, hiddenCols: map[int]bool{}, hiddenColData: map[int]bool{}}
	err = walkXML(rc, sh.part, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			w.start(t)
		case xml.EndElement:
			w.end(t)
		case xml.CharData:
			if w.inV || w.inIS {
				w.val.Write(t)
			}
		}
	})
	if err != nil {
		return nil, false, err
	}
	w.summarise()
	return w.out, w.hasData, nil
}

func (w *sheetWalker) start(t xml.StartElement) {
	switch t.Name.Local {
	case "col":
		if on01(attr(t, "hidden")) {
			lo, _ := strconv.Atoi(attr(t, "min"))
			hi, _ := strconv.Atoi(attr(t, "max"))
			for c := max(lo, 1); c <= min(hi, 16384) && c-lo < 16384; c++ {
				w.hiddenCols[c] = true
			}
		}
	case "row":
		w.row, _ = strconv.Atoi(attr(t, "r"))
		w.rowHidden = on01(attr(t, "hidden"))
		w.rowHasData = false
	case "c":
		w.ref, w.typ = attr(t, "r"), attr(t, "t")
		w.val.Reset()
	case "v":
		w.inV = true
	case "t":
		if w.typ == "inlineStr" {
			w.inIS = true
		}
	}
}

func (w *sheetWalker) end(t xml.EndElement) {
	switch t.Name.Local {
	case "v":
		w.inV = false
	case "t":
		w.inIS = false
	case "c":
		w.cell()
	case "row":
		if w.rowHidden && w.rowHasData {
			w.hiddenRows = append(w.hiddenRows, w.row)
		}
	}
}

// cell scans the cell just read.
func (w *sheetWalker) cell() {
	raw := w.val.String()
	text := raw
	numeric := false
	switch w.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || i < 0 || i >= len(w.shared) {
			return
		}
		text = w.shared[i]
	case "", "n":
		numeric = true
	}
	if strings.TrimSpace(text) == "" {
		return
	}
	w.hasData, w.rowHasData = true, true
	where := w.sh.name + "!" + w.ref
	if col := colIndex(w.ref); w.hiddenCols[col] {
		w.hiddenColData[col] = true
	}
	if numeric {
		if f, ok := storedNumber(text, where); ok {
			w.out = append(w.out, f)
			return
		}
	}
	w.out = append(w.out, scanText(text, fixed(where), w.row > 0 && w.row <= 3)...)
}

// summarise reports hidden rows and columns that hold data.
func (w *sheetWalker) summarise() {
	for i, r := range w.hiddenRows {
		if i == maxHiddenListed {
			w.out = append(w.out, Finding{Kind: Hidden, Where: w.sh.name, Note: fmt.Sprintf("另有 %d 个隐藏行含有数据", len(w.hiddenRows)-i)})
			break
		}
		w.out = append(w.out, Finding{Kind: Hidden, Where: fmt.Sprintf("%s!%d:%d", w.sh.name, r, r), Note: "隐藏行含有数据"})
	}
	var cols []int
	for c := range w.hiddenColData {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for i, c := range cols {
		if i == maxHiddenListed {
			w.out = append(w.out, Finding{Kind: Hidden, Where: w.sh.name, Note: fmt.Sprintf("另有 %d 个隐藏列含有数据", len(cols)-i)})
			break
		}
		l := colName(c)
		w.out = append(w.out, Finding{Kind: Hidden, Where: fmt.Sprintf("%s!%s:%s", w.sh.name, l, l), Note: "隐藏列含有数据"})
	}
}

// storedNumber recognises an ID or mobile number stored as a number: the
// spreadsheet keeps it as a float (1.10101199001011E+17), which loses the
// last digits and so the check digit. With a province code and a real date
// of birth in place, it is reported as a suspected ID number.
func storedNumber(v, where string) (Finding, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 1e10 || f >= 1e18 || f != math.Trunc(f) {
		return Finding{}, false
	}
	d := strconv.FormatFloat(f, 'f', 0, 64)
	switch len(d) {
	case 18:
		if k, _ := classify(d, false); k == IDCard {
			return Finding{Kind: IDCard, Where: where, Masked: Mask(d)}, true
		}
		if idPrefix(d) {
			return Finding{Kind: IDCard, Where: where, Masked: Mask(d), Note: "疑似：身份证号以数字形式存储，末位已丢失"}, true
		}
	case 15:
		if legacyID(d) {
			return Finding{Kind: IDCard, Where: where, Masked: Mask(d), Note: "15 位旧号码"}, true
		}
	case 11:
		if k, _ := classify(d, false); k == Mobile {
			return Finding{Kind: Mobile, Where: where, Masked: Mask(d)}, true
		}
	}
	return Finding{}, false
}

// xlsxComments reports every comment of a comments part.
func xlsxComments(a *ooxml.Archive, part, sheet string) ([]Finding, error) {
	rc, err := a.Open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []Finding
	var ref string
	var text strings.Builder
	depth := 0
	err = walkXML(rc, part, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "comment", "threadedComment":
				ref = attr(t, "ref")
				text.Reset()
			case "t", "text":
				depth++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "comment", "threadedComment":
				where := sheet + "!" + ref
				if s := strings.TrimSpace(text.String()); s != "" {
					out = append(out, Finding{Kind: Hidden, Where: where, Masked: excerpt(s), Note: "批注"})
					for _, f := range scanText(s, fixed(where), false) {
						f.Note = strings.TrimSpace(f.Note + " 批注中")
						out = append(out, f)
					}
				}
			case "t", "text":
				depth--
			}
		case xml.CharData:
			if depth > 0 {
				text.Write(t)
			}
		}
	})
	return out, err
}

// on01 reads an XML boolean attribute.
func on01(v string) bool { return v == "1" || v == "true" }

// colIndex returns the 1-based column of a cell reference (B7 → 2).
func colIndex(ref string) int {
	n := 0
	for _, c := range ref {
		if c >= 'A' && c <= 'Z' {
			n = n*26 + int(c-'A'+1)
		} else if c >= 'a' && c <= 'z' {
			n = n*26 + int(c-'a'+1)
		} else {
			break
		}
	}
	return n
}

// colName returns the letters of a 1-based column (2 → B).
func colName(c int) string {
	var b []byte
	for c > 0 {
		c--
		b = append([]byte{byte('A' + c%26)}, b...)
		c /= 26
	}
	return string(b)
}
