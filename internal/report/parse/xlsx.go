package parse

import "errors"

// readXLSX reads a XLSX document into a Doc. Placeholder until the XLSX reader lands.
func readXLSX(name string, data []byte) (*Doc, error) {
	return nil, errors.New("xlsx: reader not yet implemented")
}
