package parse

import "errors"

// readHTML reads a HTML document into a Doc. Placeholder until the HTML reader lands.
func readHTML(name string, data []byte) (*Doc, error) {
	return nil, errors.New("html: reader not yet implemented")
}
