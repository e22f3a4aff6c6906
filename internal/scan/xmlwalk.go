package scan

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// walkXML calls fn for every token of an XML part, read raw (no namespace
// translation, which is most of encoding/xml's cost); it fails when the
// part is not well formed or ends inside an element.
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
			depth++
		case xml.EndElement:
			if depth--; depth < 0 {
				return fmt.Errorf("%s: XML 结构错误 (unbalanced XML)", part)
			}
		}
		fn(tok)
	}
}
