package web

import (
	"strconv"
	"strings"
)

// Codings are the content codings a request accepts, from its
// Accept-Encoding.
type Codings struct{ Gzip, Br bool }

// AcceptedCodings parses Accept-Encoding (RFC 9110 §12.5.3): a coding is
// accepted when listed, or covered by "*", with a q-value above zero.
func AcceptedCodings(header string) Codings {
	var c Codings
	if header == "" {
		return c
	}
	star, gz, br := -1, -1, -1 // -1: not listed; 0: refused; 1: accepted
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		ok := 1
		if q, found := qValue(params); found && q <= 0 {
			ok = 0
		}
		switch name {
		case "gzip", "x-gzip":
			gz = ok
		case "br":
			br = ok
		case "*":
			star = ok
		}
	}
	c.Gzip = gz == 1 || gz == -1 && star == 1
	c.Br = br == 1 || br == -1 && star == 1
	return c
}

// qValue returns the q parameter of a list member's parameters.
func qValue(params string) (float64, bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return 0, true // a q-value that is no number accepts nothing
			}
			return q, true
		}
	}
	return 0, false
}
