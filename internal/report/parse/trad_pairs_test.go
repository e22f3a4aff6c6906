package parse

import (
	"strings"

	"github.com/gongkai/gongkai/internal/hanfold"
)

// tradPairs lists the fold table's traditional characters each followed by
// its simplified form, in the table's order; toTrad reads it backwards.
var tradPairs = func() string {
	var b strings.Builder
	for t, s := range hanfold.All() {
		b.WriteRune(t)
		b.WriteRune(s)
	}
	return b.String()
}()
