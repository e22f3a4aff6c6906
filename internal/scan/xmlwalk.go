package scan

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// walkXML calls fn for every token of an XML part, read raw (no namespace
// translation, which is most of encoding/xml's cost); it fails when the
// part is not well formed, ends inside an element, or nests elements more
// than ooxml.MaxDepth deep (the decoder keeps a frame for each).
func walkXML(r io.Reader, part string, fn func(xml.Token)) error {
	d := xml.NewDecoder(r)
	depth := 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return fmt.Errorf("%s: XML 不完整 (truncated XML)", part)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part, err)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > ooxml.MaxDepth {
				return fmt.Errorf("%s: XML 嵌套超过 %d 层 (elements nested more than %d deep)", part, ooxml.MaxDepth, ooxml.MaxDepth)
			}
		case xml.EndElement:
			if depth--; depth < 0 {
				return fmt.Errorf("%s: XML 结构错误 (unbalanced XML)", part)
			}
		}
		fn(tok)
	}
}
