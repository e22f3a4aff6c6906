package calendar

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// An Override is a local change to the national calendar that an agency's
// administrator records: a closure (an emergency, a local holiday) makes a
// day a non-working day; an opening makes a day a working day.
type Override struct {
	Date   Date
	Open   bool   // true: extra working day; false: closure
	Reason string // shown in every explanation that meets the day
}

// Overrides is a set of local changes keyed by date, at most one per day.
// The zero value is empty and ready to use. It is not safe for concurrent
// mutation; New copies it, so a Calendar never changes under its readers.
type Overrides struct {
	days map[Date]Override
}

// ErrOverride is wrapped by every error Overrides returns for bad input.
var ErrOverride = errors.New("invalid override")

// Add records o, replacing any earlier override of the same day. The reason
// is required: it is what staff and applicants read in the explanation.
func (s *Overrides) Add(o Override) error {
	if o.Date.IsZero() {
		return fmt.Errorf("calendar: add override: %w: 缺少日期 (no date)", ErrOverride)
	}
	o.Reason = strings.TrimSpace(o.Reason)
	if o.Reason == "" {
		return fmt.Errorf("calendar: add override %s: %w: 缺少原因 (no reason)", o.Date, ErrOverride)
	}
	if s.days == nil {
		s.days = make(map[Date]Override)
	}
	s.days[o.Date] = o
	return nil
}

// Close records a local closure on d.
func (s *Overrides) Close(d Date, reason string) error {
	return s.Add(Override{Date: d, Reason: reason})
}

// Open records an extra local working day on d.
func (s *Overrides) Open(d Date, reason string) error {
	return s.Add(Override{Date: d, Open: true, Reason: reason})
}

// Remove deletes the override of d, if any.
func (s *Overrides) Remove(d Date) { delete(s.days, d) }

// Lookup returns the override of d and whether there is one.
func (s *Overrides) Lookup(d Date) (Override, bool) {
	if s == nil {
		return Override{}, false
	}
	o, ok := s.days[d]
	return o, ok
}

// Len returns the number of overridden days.
func (s *Overrides) Len() int {
	if s == nil {
		return 0
	}
	return len(s.days)
}

// All returns the overrides in date order.
func (s *Overrides) All() []Override {
	if s == nil {
		return nil
	}
	out := make([]Override, 0, len(s.days))
	for _, o := range s.days {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// clone returns an independent copy.
func (s *Overrides) clone() map[Date]Override {
	m := make(map[Date]Override, s.Len())
	if s != nil {
		for k, v := range s.days {
			m[k] = v
		}
	}
	return m
}
