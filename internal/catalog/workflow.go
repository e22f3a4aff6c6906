package catalog

import (
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// An Actor is who took an action, in which role.
type Actor struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// An Event is one recorded step of an item's workflow. At is when it was
// taken, from the service's clock. Only the fields the Action uses are set.
// Content is not in events: the working copy lives on the item and each
// publication keeps a Version.
type Event struct {
	Action Action    `json:"action"`
	At     time.Time `json:"at"`
	Actor  Actor     `json:"actor"`
	Note   string    `json:"note,omitempty"` // reason: return, override, correct, withdraw, discard

	Answers   Answers   `json:"answers,omitempty"`   // review: the 保密审查 checklist
	Findings  []Finding `json:"findings,omitempty"`  // scan, import: what the scanner found
	PublishAt time.Time `json:"publish_at,omitzero"` // sign: a later publication time; zero publishes now
	IndexNo   string    `json:"index_no,omitempty"`  // sign/publish (first publication), import
	Version   int       `json:"version,omitempty"`   // sign/publish/import/set_validity: the version made

	Validity   Validity      `json:"validity,omitempty"`    // set_validity
	ValidityOn calendar.Date `json:"validity_on,omitzero"`  // set_validity
	ReplacedBy string        `json:"replaced_by,omitempty"` // set_validity: the replacing item's index_no

	Imported []HistoryJSON `json:"imported_history,omitempty"` // import: the history the old site kept
}

// A Reasoned is a decision taken with a reason: the 负责人's override of
// the scanner's findings, or a withdrawal.
type Reasoned struct {
	At     time.Time
	By     string
	Reason string
}

// An Item is the aggregate of one item's workflow, derived from its
// events. The store fills Content (the working copy, or the live content
// when nothing is being drafted) and Versions.
type Item struct {
	ID       int64
	AgencyID int64
	IndexNo  string
	State    State

	Content  Content
	Versions []Version

	Findings   []Finding // of the working copy's latest scan
	Scanned    bool      // the working copy was scanned after its last edit
	Overridden *Reasoned
	Answers    Answers // the current review's checklist
	ReviewedBy string
	PublishAt  time.Time // when Scheduled
	Live       int       // the number of the version the public sees; 0 if never published
	Correcting bool      // the working copy is a correction of version Live
	Withdrawal *Reasoned

	Events []Event
}

// Blocked reports whether the scanner's findings stop publication: there
// are some, and the 负责人 has not overridden them (catalog.md §4).
func (it *Item) Blocked() bool { return len(it.Findings) > 0 && it.Overridden == nil }

// Public reports whether the public sees a version of the item: it was
// published, is not withdrawn, and is 主动公开.
func (it *Item) Public() bool { return it.Live > 0 && it.State != Withdrawn }

// LiveVersion returns the version the public sees, if it is loaded.
func (it *Item) LiveVersion() (Version, bool) {
	for _, v := range it.Versions {
		if v.N == it.Live {
			return v, true
		}
	}
	return Version{}, false
}

// FirstPublished returns when the item was first published (the time
// 第二十六条 is judged by), or the zero time.
func (it *Item) FirstPublished() time.Time {
	for _, e := range it.Events {
		if e.Version == 1 && (e.Action == ActSign && e.PublishAt.IsZero() || e.Action == ActPublish || e.Action == ActImport) {
			return e.At
		}
	}
	return time.Time{}
}

// Load rebuilds an item's workflow from its stored events.
func Load(id int64, events []Event) (*Item, error) {
	it := &Item{ID: id}
	for _, e := range events {
		if err := it.Apply(e); err != nil {
			return nil, err
		}
	}
	return it, nil
}

// Apply checks e against the workflow, its role and the rules of
// catalog.md §4, then records it. The service computes what it needs
// beforehand (the index number of a first publication, the version
// number, the scan's findings).
func (it *Item) Apply(e Event) error {
	t, ok := transitions[e.Action]
	if !ok {
		return refuse(ErrTransition, e.Action, "catalog.flow.unknown_action", string(e.Action))
	}
	if t.from == nil {
		if it.State != "" {
			return refuse(ErrTransition, e.Action, "catalog.flow.exists")
		}
	} else if !slices.Contains(t.from, it.State) {
		return refuse(ErrTransition, e.Action, "catalog.flow.wrong_state", it.State.Key(), e.Action.Key())
	}
	if !slices.Contains(t.roles, e.Actor.Role) {
		return refuse(ErrRole, e.Action, "catalog.flow.wrong_role", e.Action.Key(), roleKeys(t.roles))
	}
	if e.At.IsZero() {
		return refuse(ErrRule, e.Action, "catalog.flow.no_time")
	}
	if n := len(it.Events); n > 0 && e.At.Before(it.Events[n-1].At) {
		return refuse(ErrRule, e.Action, "catalog.flow.time_back")
	}
	if err := it.check(e); err != nil {
		return err
	}
	it.record(e)
	if t.to != "" {
		it.State = t.to
	}
	it.Events = append(it.Events, e)
	return nil
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// check applies the rules of each action.
func (it *Item) check(e Event) error {
	a := e.Action
	switch a {
	case ActSubmit:
		if !it.Scanned {
			return refuse(ErrRule, a, "catalog.flow.not_scanned")
		}
	case ActReview:
		if m := e.Answers.MissingMsgs(); len(m) > 0 {
			return refuse(ErrRule, a, "catalog.flow.checklist", m)
		}
	case ActReturn, ActCorrect, ActWithdraw, ActDiscard:
		if blank(e.Note) {
			return refuse(ErrRule, a, "catalog.flow.no_reason", a.Key())
		}
		if a == ActWithdraw && it.Live == 0 {
			return refuse(ErrRule, a, "catalog.flow.withdraw_draft")
		}
		if a == ActDiscard && it.Live > 0 {
			return refuse(ErrRule, a, "catalog.flow.discard_published")
		}
	case ActOverride:
		if len(it.Findings) == 0 {
			return refuse(ErrRule, a, "catalog.flow.nothing_to_override")
		}
		if blank(e.Note) {
			return refuse(ErrRule, a, "catalog.flow.override_reason")
		}
	case ActSign:
		if it.Blocked() {
			return refuse(ErrRule, a, "catalog.flow.blocked", len(it.Findings))
		}
		if !it.Scanned {
			return refuse(ErrRule, a, "catalog.flow.unscanned")
		}
		if e.PublishAt.IsZero() || !e.PublishAt.After(e.At) {
			return it.checkPublication(e)
		}
	case ActPublish:
		if e.At.Before(it.PublishAt) {
			return refuse(ErrRule, a, "catalog.flow.too_early", it.PublishAt.In(CST).Format("2006-01-02 15:04"))
		}
		return it.checkPublication(e)
	case ActImport:
		if blank(e.IndexNo) {
			return refuse(ErrRule, a, "catalog.flow.import_index_no")
		}
		if e.Version != 1 {
			return refuse(ErrRule, a, "catalog.flow.import_version")
		}
	case ActSetValidity:
		if !e.Validity.Valid() || e.ValidityOn.IsZero() {
			return refuse(ErrRule, a, "catalog.flow.validity_missing")
		}
		if e.Validity == Amended && blank(e.ReplacedBy) {
			return refuse(ErrRule, a, "catalog.flow.amended_by")
		}
		if (e.Validity == InForce || e.Validity == Expired) && !blank(e.ReplacedBy) {
			return refuse(ErrRule, a, "catalog.flow.no_replacement")
		}
		if e.Version != it.Live+1 {
			return refuse(ErrRule, a, "catalog.flow.version", it.Live+1)
		}
	}
	return nil
}

// checkPublication checks the version and index number of a publication.
func (it *Item) checkPublication(e Event) error {
	if e.Version != it.Live+1 {
		return refuse(ErrRule, e.Action, "catalog.flow.version", it.Live+1)
	}
	if it.IndexNo == "" && blank(e.IndexNo) {
		return refuse(ErrRule, e.Action, "catalog.flow.index_no_missing")
	}
	if it.IndexNo != "" && e.IndexNo != "" && e.IndexNo != it.IndexNo {
		return refuse(ErrRule, e.Action, "catalog.flow.index_no_fixed", it.IndexNo)
	}
	return nil
}

// record updates the derived fields for e.
func (it *Item) record(e Event) {
	switch e.Action {
	case ActCreate, ActEdit:
		it.Scanned, it.Findings, it.Overridden = false, nil, nil
	case ActScan:
		it.Scanned, it.Findings, it.Overridden = true, e.Findings, nil
	case ActSubmit:
		it.Answers, it.ReviewedBy = nil, ""
	case ActReview:
		it.Answers, it.ReviewedBy = e.Answers, e.Actor.Name
	case ActReturn:
		it.Answers, it.ReviewedBy, it.PublishAt = nil, "", time.Time{}
	case ActOverride:
		it.Overridden = &Reasoned{At: e.At, By: e.Actor.Name, Reason: strings.TrimSpace(e.Note)}
	case ActSign:
		if !e.PublishAt.IsZero() && e.PublishAt.After(e.At) {
			it.State, it.PublishAt = Scheduled, e.PublishAt
			return
		}
		it.publish(e)
	case ActPublish:
		it.publish(e)
	case ActImport:
		it.IndexNo, it.Live, it.Findings, it.Scanned = e.IndexNo, 1, e.Findings, true
	case ActCorrect:
		it.Correcting, it.Scanned, it.Findings, it.Overridden = true, false, nil, nil
	case ActSetValidity:
		it.Live = e.Version
	case ActWithdraw:
		it.Withdrawal = &Reasoned{At: e.At, By: e.Actor.Name, Reason: strings.TrimSpace(e.Note)}
	}
}

func (it *Item) publish(e Event) {
	if it.IndexNo == "" {
		it.IndexNo = e.IndexNo
	}
	it.State, it.Live, it.PublishAt, it.Correcting = Published, e.Version, time.Time{}, false
}

// Allowed returns what role may do now, without actions the item's own
// history forbids: an override with nothing to override, a signature while
// blocked, discarding a published item, withdrawing a never-published one.
func (it *Item) Allowed(role Role) []Action {
	var out []Action
	for _, a := range Allowed(it.State, role) {
		switch {
		case a == ActOverride && (len(it.Findings) == 0 || it.Overridden != nil),
			a == ActSign && it.Blocked(),
			a == ActDiscard && it.Live > 0,
			a == ActWithdraw && it.Live == 0,
			a == ActSetValidity && !it.Content.DocType.HasValidity():
			continue
		}
		out = append(out, a)
	}
	return out
}
