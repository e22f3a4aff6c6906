package bombcheck

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// scanXML reads an XML part as a stream of bytes, without building
// anything: it follows tags (quotes, comments, CDATA and processing
// instructions) only far enough to count how deep elements nest, and
// flags a DTD (Office Open XML and OFD parts never carry one; ECMA-376
// Part 2 forbids it) and nesting deeper than MaxDepth. Malformed XML is
// not flagged: nothing here parses it.
func scanXML(name string, r io.Reader) Flag {
	br := bufio.NewReaderSize(r, 16<<10)
	depth := 0
	for {
		// Skip character data to the next '<' a buffer at a time.
		if _, err := br.ReadSlice('<'); errors.Is(err, bufio.ErrBufferFull) {
			continue
		} else if err != nil {
			return Flag{}
		}
		c, err := br.ReadByte()
		if err != nil {
			return Flag{}
		}
		switch c {
		case '/':
			depth--
			if !skipPast(br, ">") {
				return Flag{}
			}
		case '?':
			if !skipPast(br, "?>") {
				return Flag{}
			}
		case '!':
			head, _ := br.Peek(7)
			switch {
			case len(head) >= 2 && string(head[:2]) == "--":
				br.Discard(2)
				if !skipPast(br, "-->") {
					return Flag{}
				}
			case string(head) == "[CDATA[":
				br.Discard(7)
				if !skipPast(br, "]]>") {
					return Flag{}
				}
			default:
				what := "a DTD"
				if string(head) == "ENTITY " || hasEntity(br) {
					what = "a DTD with entity declarations"
				}
				return Flag{CodeDTD, clip(fmt.Sprintf("%s holds %s", name, what))}
			}
		default:
			depth++
			if depth > MaxDepth {
				return Flag{CodeXMLDepth, clip(fmt.Sprintf("%s nests elements more than %d deep", name, MaxDepth))}
			}
			if closed, ok := skipTag(br, c); !ok {
				return Flag{}
			} else if closed {
				depth--
			}
		}
	}
}

// skipTag reads the rest of a start tag whose first byte after '<' was
// c, past its '>', and reports whether it closed itself ("/>").
func skipTag(br *bufio.Reader, c byte) (closed, ok bool) {
	var quote byte
	prev := c
	for {
		c, err := br.ReadByte()
		if err != nil {
			return false, false
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return prev == '/', true
		}
		prev = c
	}
}

// skipPast reads past the next occurrence of end.
func skipPast(br *bufio.Reader, end string) bool {
	var window [3]byte
	n := len(end)
	for {
		c, err := br.ReadByte()
		if err != nil {
			return false
		}
		copy(window[:n-1], window[1:n])
		window[n-1] = c
		if string(window[:n]) == end {
			return true
		}
	}
}

// hasEntity reports whether "<!ENTITY" follows within the next 64 KiB
// of a DTD.
func hasEntity(br *bufio.Reader) bool {
	const pat = "<!ENTITY"
	var window [len(pat)]byte
	for range 64 << 10 {
		c, err := br.ReadByte()
		if err != nil {
			return false
		}
		copy(window[:], window[1:])
		window[len(pat)-1] = c
		if string(window[:]) == pat {
			return true
		}
	}
	return false
}
