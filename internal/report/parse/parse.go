package parse

import (
	"errors"

	"github.com/gongkai/gongkai/internal/report"
)

// Parse reads one published report of any supported format. Placeholder:
// the parse helper replaces this file, keeping the signatures.
func Parse(name string, data []byte) (*report.Report, error) {
	return nil, errors.New(name + ": parser not yet implemented")
}

// File reads and parses the report at path.
func File(path string) (*report.Report, error) {
	return nil, errors.New(path + ": parser not yet implemented")
}
