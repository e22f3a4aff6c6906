package catalog

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
)

// Limits on an item's fields, in characters.
const (
	MaxTitleLen   = 300
	MaxDocNoLen   = 100
	MaxSummaryLen = 2000
	MaxBodyLen    = 2 << 20 // 2 MB of HTML
	MaxAttachName = 200
)

// A FieldError is one field of an item that is wrong: the field's JSON
// name and the message key of what is wrong with its values (the web
// layer's catalog holds the texts).
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

func (e FieldError) Error() string { return fmt.Sprintf("%s: %s%v", e.Field, e.Key, e.Args) }

// Normalize trims the text fields, sanitizes the body and drops empty
// list entries; Check then judges the result.
func (c Content) Normalize() Content {
	c.Title = strings.Join(strings.Fields(c.Title), " ")
	c.DocNo = strings.TrimSpace(c.DocNo)
	c.Category = strings.TrimSpace(c.Category)
	c.Summary = strings.TrimSpace(c.Summary)
	c.ReplacedBy = strings.TrimSpace(c.ReplacedBy)
	c.DisclosureBasis = strings.TrimSpace(c.DisclosureBasis)
	if c.Body != "" {
		c.Body = Sanitize(c.Body)
	}
	c.CoAgencies = trimAll(c.CoAgencies)
	c.Interprets = trimAll(c.Interprets)
	if c.Disclosure == "" {
		c.Disclosure = Proactive
	}
	return c
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Check returns every problem of c, by field; tree, when not nil, must
// hold c's category. A draft may be incomplete (draft true): only the
// title is then required; a submission or an import needs the category,
// type and formation date too.
func (c Content) Check(tree Tree, draft bool) []FieldError {
	var errs []FieldError
	fieldErr := func(field, key string, a ...any) {
		errs = append(errs, FieldError{field, key, a})
	}
	switch n := utf8.RuneCountInString(c.Title); {
	case n == 0:
		fieldErr("title", "catalog.field.title_missing")
	case n > MaxTitleLen:
		fieldErr("title", "catalog.field.title_long", MaxTitleLen)
	}
	if utf8.RuneCountInString(c.DocNo) > MaxDocNoLen {
		fieldErr("doc_no", "catalog.field.doc_no_long", MaxDocNoLen)
	}
	if utf8.RuneCountInString(c.Summary) > MaxSummaryLen {
		fieldErr("summary", "catalog.field.summary_long", MaxSummaryLen)
	}
	if len(c.Body) > MaxBodyLen {
		fieldErr("body", "catalog.field.body_long", MaxBodyLen)
	}
	switch {
	case c.Category == "" && !draft:
		fieldErr("category", "catalog.field.category_missing")
	case c.Category != "":
		if err := CheckPath(c.Category); err != nil {
			key, args := apperr.MessageOf(err)
			errs = append(errs, FieldError{"category", key, args})
		} else if tree != nil {
			if _, ok := tree[c.Category]; !ok {
				fieldErr("category", "catalog.field.category_unknown", c.Category)
			}
		}
	}
	switch {
	case c.DocType == "" && !draft:
		fieldErr("doc_type", "catalog.field.doc_type_missing")
	case c.DocType != "" && !c.DocType.Valid():
		fieldErr("doc_type", "catalog.field.doc_type_invalid", string(c.DocType))
	}
	if c.FormedOn.IsZero() && !draft {
		fieldErr("formed_on", "catalog.field.formed_on_missing")
	}
	if !c.ChangedOn.IsZero() && !c.FormedOn.IsZero() && c.ChangedOn.Before(c.FormedOn) {
		fieldErr("changed_on", "catalog.field.changed_before_formed", c.ChangedOn.String(), c.FormedOn.String())
	}
	errs = append(errs, c.checkValidity(draft)...)
	if !c.Disclosure.Valid() {
		fieldErr("disclosure", "catalog.field.disclosure_invalid", string(c.Disclosure))
	} else if c.Disclosure == NotPublic && c.DisclosureBasis == "" {
		fieldErr("disclosure_basis", "catalog.field.basis_missing")
	}
	if len(c.Interprets) > 0 && c.DocType != Interpretation && c.DocType != "" {
		fieldErr("interprets", "catalog.field.interprets")
	}
	for i, a := range c.Attachments {
		if strings.TrimSpace(a.Name) == "" || utf8.RuneCountInString(a.Name) > MaxAttachName || strings.ContainsAny(a.Name, "/\\\x00") {
			fieldErr(fmt.Sprintf("attachments[%d].name", i), "catalog.field.attachment_name", i+1)
		}
	}
	for i, p := range c.Channels {
		if strings.TrimSpace(p.Channel) == "" {
			fieldErr(fmt.Sprintf("channels[%d].channel", i), "catalog.field.channel_missing", i+1)
		}
		if p.On.IsZero() {
			fieldErr(fmt.Sprintf("channels[%d].on", i), "catalog.field.channel_date", i+1)
		}
	}
	return errs
}

// checkValidity checks the validity fields: only 规章 and 行政规范性文件
// carry one (61号: 有效/失效/废止), and it is required for them.
func (c Content) checkValidity(draft bool) []FieldError {
	var errs []FieldError
	fieldErr := func(field, key string, a ...any) {
		errs = append(errs, FieldError{field, key, a})
	}
	if !c.DocType.HasValidity() {
		if c.Validity != "" || !c.ValidityChangedOn.IsZero() || c.ReplacedBy != "" {
			fieldErr("validity", "catalog.validity_not_applicable")
		}
		return errs
	}
	switch {
	case c.Validity == "" && !draft:
		fieldErr("validity", "catalog.field.validity_missing")
	case c.Validity != "" && !c.Validity.Valid():
		fieldErr("validity", "catalog.field.validity_invalid", string(c.Validity))
	case c.Validity != "" && c.Validity != InForce && c.ValidityChangedOn.IsZero():
		fieldErr("validity_changed_on", "catalog.field.validity_date", apperr.Key("catalog.validity."+string(c.Validity)))
	case c.Validity == InForce && (!c.ValidityChangedOn.IsZero() || c.ReplacedBy != ""):
		fieldErr("validity_changed_on", "catalog.field.in_force_date")
	case c.Validity == Amended && c.ReplacedBy == "":
		// Decision (catalog.md §2 is silent on a repeal without successor):
		// an amendment always names the amending document; a repeal names
		// its successor when there is one.
		fieldErr("replaced_by", "catalog.flow.amended_by")
	case c.Validity == Expired && c.ReplacedBy != "":
		fieldErr("replaced_by", "catalog.field.expired_replaced")
	}
	if !c.ValidityChangedOn.IsZero() && !c.FormedOn.IsZero() && c.ValidityChangedOn.Before(c.FormedOn) {
		fieldErr("validity_changed_on", "catalog.validity_before_formed", c.ValidityChangedOn.String(), c.FormedOn.String())
	}
	return errs
}
