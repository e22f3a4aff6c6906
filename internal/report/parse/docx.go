package parse

import "errors"

// readDOCX reads a DOCX document into a Doc. Placeholder until the DOCX reader lands.
func readDOCX(name string, data []byte) (*Doc, error) {
	return nil, errors.New("docx: reader not yet implemented")
}
